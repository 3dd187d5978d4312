/**
 * Pointwise binary ops, written once for the group: type promotion over tensors and scalars
 * (result_type), broadcasting, and the native binary kernel.
 */
import * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn } from '../core/define-op.js';
import {
  cppDtypeName,
  DEFAULT_FLOAT,
  type DType,
  isFloatingDtype,
  isScalar,
  resultType,
  scalarToNumber,
} from '../core/dtypes.js';
import { asTensor, broadcastShapes, isContiguous, numel, sameSizes, sharesMemory } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type OpArgs, type OpContext, type Scalar, type TensorLike } from '../core/tensor-like.js';
import { tinyBinary } from './tiny-binary.js';

export interface BinaryOptions {
  /** Integral and bool inputs compute in the default float dtype (true division, atan2). */
  readonly promoteIntToFloat?: boolean;
  /** The result is bool (comparisons, logical ops). */
  readonly boolResult?: boolean;
  /** Extra argument names forwarded to the kernel: alpha (add/sub), rounding_mode (div). */
  readonly alpha?: boolean;
  readonly roundingMode?: boolean;
}

/** The dtype the op computes in, from its operands. */
export function binaryComputeDtype(self: TensorLike | Scalar, other: TensorLike | Scalar, o: BinaryOptions): DType {
  const common = resultType([self, other]);
  if (o.promoteIntToFloat && !isFloatingDtype(common)) return DEFAULT_FLOAT;
  return common;
}

export function binaryImpl(kernel: K.BinaryOp, o: BinaryOptions = {}): ImplFn {
  return (args, ctx) => binaryCompute(ctx, kernel, args.self, args.other, o, args.alpha, args.rounding_mode);
}

export function binaryCompute(
  ctx: OpContext,
  kernel: K.BinaryOp,
  self: TensorLike | Scalar,
  other: TensorLike | Scalar,
  o: BinaryOptions = {},
  alpha?: Scalar,
  roundingMode?: string | null,
): TensorLike {
  if (
    (alpha === undefined || alpha === 1) &&
    roundingMode == null &&
    typeof self === 'object' &&
    typeof other === 'object' &&
    !(self instanceof FloatScalar) &&
    !(other instanceof FloatScalar) &&
    self.dtype === other.dtype &&
    !o.boolResult
  ) {
    const tiny = tinyBinary(ctx, kernel, self, other, self.dtype);
    if (tiny !== null) return tiny;
  }
  let dtype = binaryComputeDtype(self, other, o);
  if (kernel === 'div' && roundingMode == null && !isFloatingDtype(dtype)) dtype = DEFAULT_FLOAT;
  const a = asTensor(ctx, self, dtype);
  const b = asTensor(ctx, other, dtype);
  const sizes = broadcastShapes(a.sizes, b.sizes);
  const outDtype = K.binaryOutputDtype(roundingMode != null && kernel === 'div' ? 'div_floor' : kernel, dtype);
  if (outDtype === null) {
    if (kernel === 'sub' && dtype === 'bool') {
      throw new OpError(
        'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
      );
    }
    throw new OpError(`"${kernel}_cpu" not implemented for '${cppDtypeName(dtype)}'`);
  }
  const out = ctx.uninitialized(sizes, o.boolResult ? 'bool' : outDtype);
  const options: K.BinaryOptions = {};
  if (alpha !== undefined && alpha !== null) {
    if (!isFloatingDtype(dtype) && typeof alpha === 'number' && !Number.isInteger(alpha)) {
      throw new OpError('For integral input tensors, argument alpha must not be a floating point number.');
    }
    if (dtype === 'bool' && !isScalarBoolLike(alpha)) {
      throw new OpError('Boolean alpha only supported for Boolean results.');
    }
    const v = scalarToNumber(alpha);
    if (v !== 1) options.alpha = dtype === 'bool' ? v !== 0 : v;
  }
  if (roundingMode !== undefined && roundingMode !== null) options.roundingMode = roundingMode as 'trunc' | 'floor';
  K.binary(kernel, out, a, b, options);
  return out;
}

function isScalarBoolLike(s: Scalar): boolean {
  return typeof s === 'boolean' || (isScalar(s) && (scalarToNumber(s) === 0 || scalarToNumber(s) === 1));
}

export function binaryMeta(o: BinaryOptions = {}): MetaFn {
  return (args) => {
    const dtype = binaryComputeDtype(args.self, args.other, o);
    const sa = isScalar(args.self) ? [] : (args.self as TensorLike).sizes;
    const sb = isScalar(args.other) ? [] : (args.other as TensorLike).sizes;
    return { sizes: broadcastShapes(sa, sb), dtype: o.boolResult ? 'bool' : dtype };
  };
}

/**
 * `add_.Tensor`, `mul_.Scalar` and friends (OpDefinition.inplaceInto) on float32/float64 tensors:
 * the kernel writes into self itself when self is contiguous, `other` (a tensor or a number) has
 * self's dtype, broadcasts to self's shape and
 * does not overlap self (unless it is self: each element is read before it is written). Other
 * cases (integer alpha checks, promotion errors, overlaps) take the general path.
 */
export function binaryInplaceInto(kernel: K.BinaryOp): (args: OpArgs, ctx: OpContext) => boolean {
  return (args, ctx) => {
    const self = args.self as TensorLike;
    if (!ctx.isTensor(self) || self.quantizer) return false;
    if (self.dtype !== 'float32' && self.dtype !== 'float64') return false;
    // A Python number (`mul_(0.9)`) does not promote a floating tensor: it joins as a 0-d tensor.
    const scalar = typeof args.other === 'number' || args.other instanceof FloatScalar;
    const other = scalar ? asTensor(ctx, args.other as Scalar, self.dtype) : (args.other as TensorLike);
    if (!ctx.isTensor(other) || other.quantizer || other.dtype !== self.dtype) return false;
    if (args.rounding_mode != null) return false;
    if (!isContiguous(self) || numel(self.sizes) === 0) return false;
    if (other !== self && sharesMemory(other, self)) return false;
    if (other.sizes.length > self.sizes.length || !sameSizes(broadcastShapes(self.sizes, other.sizes), self.sizes)) {
      return false;
    }
    const options: K.BinaryOptions = {};
    if (args.alpha !== undefined && args.alpha !== null) {
      if (typeof args.alpha === 'boolean') return false;
      const v = scalarToNumber(args.alpha as Scalar);
      if (v !== 1) options.alpha = v;
    }
    K.binary(kernel, self, self, other, options);
    ctx.bumpVersion(self);
    return true;
  };
}
