/** softmax / log_softmax (and their `_softmax` forms) on the native kernels, with PyTorch's checks. */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType, isFloatingDtype } from '../core/dtypes.js';
import { normalizeDim, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

export function softmaxForward(
  ctx: OpContext,
  log: boolean,
  self: TensorLike,
  dim: number,
  dtype: DType | null,
  halfToFloat = false,
): TensorLike {
  if (halfToFloat) throw new OpError('softmax with half to float conversion is not supported on CPU');
  const d = normalizeDim(dim, self.sizes.length);
  const x = dtype ? toDtype(ctx, self, dtype) : self;
  if (!isFloatingDtype(x.dtype)) {
    const last = d === Math.max(self.sizes.length - 1, 0);
    const name = last ? `${log ? 'log_' : ''}softmax_lastdim_kernel_impl` : 'softmax_kernel_impl';
    throw new OpError(`"${name}" not implemented for '${cppDtypeName(x.dtype)}'`);
  }
  // The kernel writes every element (an empty dim writes none, and then there are none).
  const out = ctx.uninitialized(x.sizes, x.dtype);
  if (log) K.logSoftmax(out, x, d);
  else K.softmax(out, x, d);
  return out;
}
