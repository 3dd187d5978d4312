/**
 * The pointwise family on top of groups/unary.ts and groups/binary.ts: the dtype rules PyTorch's
 * CPU kernels add (which dtypes each op dispatches on, with the kernel's name in the message),
 * scalar-first overloads, and data-dependent kernel failures turned into PyTorch's errors.
 */
import * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn, MetaResult } from '../core/define-op.js';
import {
  cppDtypeName,
  DEFAULT_FLOAT,
  type DType,
  isFloatingDtype,
  isIntegralDtype,
  isScalar,
  resultType,
  scalarToNumber,
} from '../core/dtypes.js';
import { broadcastShapes, copyInto } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type Functions, type OpContext, type Scalar, type TensorLike } from '../core/tensor-like.js';
import { type BinaryOptions, binaryCompute, binaryComputeDtype } from './binary.js';
import { unaryCompute, unaryComputeDtype } from './unary.js';

export function notImplemented(kernelName: string, dtype: DType): OpError {
  return new OpError(`"${kernelName}" not implemented for '${cppDtypeName(dtype)}'`);
}

export interface UnaryRules {
  /** PyTorch's CPU kernel name as its dtype errors spell it (`sqrt_vml_cpu`). */
  readonly kernelName?: string;
  /** The CPU kernel has no float16 version in PyTorch 1.13. */
  readonly noHalf?: boolean;
  /** Integral and bool inputs are rejected instead of promoted (frac). */
  readonly floatOnly?: boolean;
  /** Bool inputs are rejected (floor, abs). */
  readonly noBool?: boolean;
  /** PyTorch's own message for a rejected dtype (neg of bool). */
  readonly errors?: Partial<Record<DType, string>>;
}

/** The dtype a unary op computes in, with PyTorch's dispatch errors. */
export function unaryDtype(kernel: K.UnaryOp, dtype: DType, r: UnaryRules): DType {
  const name = r.kernelName ?? `${kernel}_cpu`;
  const message = r.errors?.[dtype];
  if (message !== undefined) throw new OpError(message);
  if (r.noHalf && dtype === 'float16') throw notImplemented(name, dtype);
  if (r.floatOnly && !isFloatingDtype(dtype)) throw notImplemented(name, dtype);
  if (r.noBool && dtype === 'bool') throw notImplemented(name, dtype);
  return unaryComputeDtype(kernel, dtype);
}

export function unaryMathImpl(kernel: K.UnaryOp, r: UnaryRules = {}): ImplFn {
  return (args, ctx) => {
    unaryDtype(kernel, args.self.dtype, r);
    return unaryCompute(ctx, kernel, args.self);
  };
}

export function unaryMathMeta(kernel: K.UnaryOp, r: UnaryRules = {}): MetaFn {
  return mutatingMeta((args) => {
    const dtype = unaryDtype(kernel, args.self.dtype, r);
    return { sizes: args.self.sizes, dtype: K.unaryOutputDtype(kernel, dtype)! };
  });
}

/**
 * The meta of every overload from the functional one: an in-place overload returns self, an out=
 * overload its out tensor (with the functional result's sizes).
 */
export function mutatingMeta(functional: MetaFn): MetaFn {
  return (args, o) => {
    const m = functional(args, o) as MetaResult;
    if (o.inplace) return { sizes: args.self.sizes, dtype: args.self.dtype };
    if (o.outNames.length === 1) return { sizes: m.sizes, dtype: (args[o.outNames[0]] as TensorLike).dtype };
    return m;
  };
}

/** Predicates (isposinf, signbit, ...): a bool tensor of self's sizes. */
export function boolMeta(): MetaFn {
  return (args) => ({ sizes: args.self.sizes, dtype: 'bool' });
}

export interface BinaryRules extends BinaryOptions {
  readonly kernelName?: string;
  readonly noHalf?: boolean;
  /** Integral and bool inputs are rejected instead of promoted (hypot). */
  readonly floatOnly?: boolean;
  /** Subtraction's bool checks (sub, rsub). */
  readonly subtraction?: boolean;
  /** pow: integers to negative integer scalar powers are an error. */
  readonly power?: boolean;
  /** Swap the operands before computing (rsub). */
  readonly reversed?: boolean;
  /** The Tensor overload's name for argument `other` (pow: exponent). */
  readonly otherName?: string;
}

/** The dtype the op computes in and the dtype of its result, with PyTorch's dispatch errors. */
export function binaryDtypes(
  kernel: K.BinaryOp,
  self: TensorLike | Scalar,
  other: TensorLike | Scalar,
  r: BinaryRules,
  roundingMode?: string | null,
): [DType, DType] {
  const isBool = (v: TensorLike | Scalar) => (isScalar(v) ? typeof v === 'boolean' : v.dtype === 'bool');
  if (r.subtraction && isBool(self) && isBool(other)) {
    throw new OpError(
      'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
    );
  }
  if (r.subtraction && (isBool(self) || isBool(other))) {
    throw new OpError(
      'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  let dtype = r.floatOnly ? resultType([self, other]) : binaryComputeDtype(self, other, r);
  let name = kernel as string;
  if (kernel === 'div') {
    if (roundingMode != null && roundingMode !== 'trunc' && roundingMode !== 'floor') {
      throw new OpError(
        `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${roundingMode}'`,
      );
    }
    if (roundingMode == null && !isFloatingDtype(dtype)) dtype = DEFAULT_FLOAT;
    if (roundingMode != null) name = `div_${roundingMode}`;
  }
  const kname = r.kernelName ?? (kernel === 'div' ? `${name}_cpu` : `${kernel}_cpu`);
  if (r.noHalf && dtype === 'float16') throw notImplemented(kname, dtype);
  if (r.floatOnly && !isFloatingDtype(dtype)) throw notImplemented(kname, dtype);
  const out = K.binaryOutputDtype(name as K.BinaryOp, dtype);
  if (out === null) throw notImplemented(kname, dtype);
  if (r.power && isIntegralDtype(dtype) && isScalar(other)) {
    const e = other;
    if (typeof e !== 'boolean' && !(typeof e === 'object') && scalarToNumber(e) < 0) {
      throw new OpError('Integers to negative integer powers are not allowed.');
    }
  }
  return [dtype, r.boolResult ? 'bool' : out];
}

/** Runs a binary kernel; integer division by zero becomes PyTorch's RuntimeError. */
export function binaryRun(
  ctx: OpContext,
  kernel: K.BinaryOp,
  self: TensorLike | Scalar,
  other: TensorLike | Scalar,
  r: BinaryRules = {},
  alpha?: Scalar,
  roundingMode?: string | null,
): TensorLike {
  binaryDtypes(kernel, self, other, r, roundingMode);
  const [a, b] = r.reversed ? [other, self] : [self, other];
  try {
    return binaryCompute(ctx, kernel, a, b, r.floatOnly ? {} : r, alpha, roundingMode);
  } catch (e) {
    if (K.KernelError.isInstance(e) && e.code === 'ERR_TSJIT_ZERO_DIVISION') throw new OpError('ZeroDivisionError');
    throw e;
  }
}

/** Impl for every overload of a binary op: (self, other) by name, scalars on either side. */
export function binaryMathImpl(kernel: K.BinaryOp, r: BinaryRules = {}): ImplFn {
  const otherName = r.otherName ?? 'other';
  return (args, ctx) => binaryRun(ctx, kernel, args.self, args[otherName], r, args.alpha, args.rounding_mode);
}

export function binaryMathMeta(kernel: K.BinaryOp, r: BinaryRules = {}): MetaFn {
  const otherName = r.otherName ?? 'other';
  return mutatingMeta((args) => {
    const self = args.self;
    const other = args[otherName];
    const [, out] = binaryDtypes(kernel, self, other, r, args.rounding_mode);
    const sa = isScalar(self) ? [] : (self as TensorLike).sizes;
    const sb = isScalar(other) ? [] : (other as TensorLike).sizes;
    return { sizes: broadcastShapes(sa, sb), dtype: out };
  });
}

/**
 * The `out=` overload of ops whose PyTorch kernels do not cast into `out` (abs, neg, floor, ...):
 * out must already have the result's dtype.
 */
export function sameDtypeOutImpl(impl: ImplFn, outName = 'out'): ImplFn {
  return (args, ctx, o) => {
    const result = impl(args, ctx, o) as TensorLike;
    const out = args[outName] as TensorLike;
    if (out.dtype !== result.dtype) {
      throw new OpError(`Found dtype ${cppDtypeName(out.dtype)} but expected ${cppDtypeName(result.dtype)}`);
    }
    copyInto(ctx, out, result, o.qualifiedName, true);
    return out;
  };
}

/** A Scalar argument's value, keeping a Python float a float (`2.0 - 1` stays `1.0`). */
function scalarMinusOne(s: Scalar): Scalar {
  return s instanceof FloatScalar ? new FloatScalar(s.value - 1) : scalarToNumber(s) - 1;
}

/**
 * Gradients of pow (and float_power) for every overload: d/dself = exponent * self^(exponent-1)
 * (zero where the exponent is 0), d/dexponent = result * log(self) (zero where self is 0 and the
 * exponent is non-negative), as PyTorch's pow_backward_self / pow_backward_exponent.
 */
export function powGradients(
  F: Functions,
  grad: any,
  self: TensorLike | Scalar,
  exponent: TensorLike | Scalar,
  result: any,
): { self: any; exponent: any } {
  let selfGrad: any = null;
  if (F.isTensor(self)) {
    if (F.isTensor(exponent)) {
      const g = F.mul(F.mul(grad, exponent), F.pow(self, F.sub(exponent, 1)));
      selfGrad = F.sumTo(F.where(F.eq(exponent, 0), 0, g), F.sizes(self));
    } else if (scalarToNumber(exponent as Scalar) === 0) {
      selfGrad = F.zerosLike(self);
    } else {
      selfGrad = F.mul(F.mul(grad, exponent), F.pow(self, scalarMinusOne(exponent as Scalar)));
    }
  }
  let exponentGrad: any = null;
  if (F.isTensor(exponent)) {
    const g = F.mul(grad, result);
    if (F.isTensor(self)) {
      const zero = F.logicalAnd(F.eq(self, 0), F.ge(exponent, 0));
      exponentGrad = F.sumTo(F.where(zero, 0, F.mul(g, F.log(self))), F.sizes(exponent));
    } else {
      const base = scalarToNumber(self as Scalar);
      exponentGrad = base === 0 ? F.where(F.ge(exponent, 0), 0, F.mul(g, -Infinity)) : F.mul(g, Math.log(base));
    }
  }
  return { self: selfGrad, exponent: exponentGrad };
}

/** The in-place form of such an op: self must already have the result's dtype. */
export function sameDtypeInplaceImpl(impl: ImplFn): ImplFn {
  return (args, ctx, o) => {
    const result = impl(args, ctx, o) as TensorLike;
    const self = args.self as TensorLike;
    if (self.dtype !== result.dtype) {
      throw new OpError(`Found dtype ${cppDtypeName(self.dtype)} but expected ${cppDtypeName(result.dtype)}`);
    }
    copyInto(ctx, self, result, o.qualifiedName, false);
    return self;
  };
}

/** The `out=` overload of a predicate whose PyTorch kernel only writes bool outputs (isposinf, signbit). */
export function boolOutImpl(impl: ImplFn, name: string): ImplFn {
  return (args, ctx, o) => {
    if (args.out.dtype !== 'bool') throw new OpError(`${name} does not support non-boolean outputs.`);
    copyInto(ctx, args.out, impl(args, ctx, o), o.qualifiedName, true);
    return args.out;
  };
}
