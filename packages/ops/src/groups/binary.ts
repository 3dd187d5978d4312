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
import { asTensor, broadcastShapes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type OpContext, type Scalar, type TensorLike } from '../core/tensor-like.js';
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
