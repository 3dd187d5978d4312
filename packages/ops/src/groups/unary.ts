/** Pointwise unary ops, written once for the group. */
import * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn } from '../core/define-op.js';
import { cppDtypeName, DEFAULT_FLOAT, type DType, isFloatingDtype } from '../core/dtypes.js';
import { isContiguous, numel, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';

/** The dtype a unary op computes in: floating-only ops promote integral and bool inputs to float32. */
export function unaryComputeDtype(kernel: K.UnaryOp, dtype: DType): DType {
  if (K.unaryOutputDtype(kernel, dtype) !== null) return dtype;
  if (!isFloatingDtype(dtype) && K.unaryOutputDtype(kernel, DEFAULT_FLOAT) !== null) return DEFAULT_FLOAT;
  if (kernel === 'neg' && dtype === 'bool') {
    throw new OpError(
      'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  throw new OpError(`"${kernel}_cpu" not implemented for '${cppDtypeName(dtype)}'`);
}

export function unaryCompute(
  ctx: OpContext,
  kernel: K.UnaryOp,
  self: TensorLike,
  options?: K.UnaryOptions,
): TensorLike {
  const dtype = unaryComputeDtype(kernel, self.dtype);
  const x = toDtype(ctx, self, dtype);
  const out = ctx.uninitialized(x.sizes, K.unaryOutputDtype(kernel, dtype)!);
  K.unary(kernel, out, x, options);
  return out;
}

export function unaryImpl(kernel: K.UnaryOp): ImplFn {
  return (args, ctx) => unaryCompute(ctx, kernel, args.self);
}

export function unaryMeta(kernel: K.UnaryOp): MetaFn {
  return (args) => {
    const dtype = unaryComputeDtype(kernel, args.self.dtype);
    return { sizes: args.self.sizes, dtype: K.unaryOutputDtype(kernel, dtype)! };
  };
}

/**
 * `relu_` and friends (OpDefinition.inplaceInto): the kernel writes into self itself when self is
 * contiguous and the op keeps its dtype (an element is read before it is written).
 */
export function unaryInplaceInto(kernel: K.UnaryOp): (args: OpArgs, ctx: OpContext) => boolean {
  return (args, ctx) => {
    const self = args.self as TensorLike;
    if (!ctx.isTensor(self) || self.quantizer || !isContiguous(self) || numel(self.sizes) === 0) return false;
    if (K.unaryOutputDtype(kernel, self.dtype) !== self.dtype || unaryComputeDtype(kernel, self.dtype) !== self.dtype) {
      return false;
    }
    K.unary(kernel, self, self);
    ctx.bumpVersion(self);
    return true;
  };
}

/**
 * unaryInplaceInto for float32/float64 self only: for ops whose dtype rules refuse other floating
 * dtypes (`sqrt_` on float16), those take the functional path and its error.
 */
export function floatUnaryInplaceInto(kernel: K.UnaryOp): (args: OpArgs, ctx: OpContext) => boolean {
  const into = unaryInplaceInto(kernel);
  return (args, ctx) => {
    const dtype = (args.self as TensorLike).dtype;
    return (dtype === 'float32' || dtype === 'float64') && into(args, ctx);
  };
}
