/**
 * The padding-mask checks of PyTorch 1.13's nested-tensor factories (`_nested_tensor_from_mask` and
 * its `_left_aligned` predicate), which nn.TransformerEncoder's fast path calls. tsjit has no nested
 * tensor type, so only the checks and the predicate are computed here; see the ops for what happens
 * once a nested tensor would be built.
 */

import { cppDtypeName } from '../core/dtypes.js';
import { itemNumber } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

type T = TensorLike;

/** PyTorch's argument checks, in its order: mask dtype, mask rank, input rank, matching [N, L]. */
export function checkPaddingMask(t: T, mask: T): void {
  if (mask.dtype !== 'bool') {
    throw new OpError(`Expected mask to be of ScalarType Bool, but got ${cppDtypeName(mask.dtype)} instead.`);
  }
  if (mask.sizes.length !== 2) throw new OpError('Padding mask should be 2D');
  if (t.sizes.length !== 3) throw new OpError('Input should be a 3D tensor, N * L * D');
  if (t.sizes[0] !== mask.sizes[0] || t.sizes[1] !== mask.sizes[1]) {
    throw new OpError('Mask size should match input size');
  }
}

/**
 * True when every row of the [N, L] bool mask is a run of True followed only by False, computed as
 * PyTorch does: a row's count of True equals the index of its first False once one False is appended.
 * PyTorch reads the counts with `cumsum(1).select(1, L - 1)`, so an empty L is its IndexError.
 */
export function maskIsLeftAligned(ctx: OpContext, mask: T): boolean {
  const [n, l] = mask.sizes;
  if (l === 0) {
    throw new OpError(`select(): index -1 out of range for tensor of size [${n}, 0] at dimension 1`, 'IndexError');
  }
  const F = ctx.F;
  const counts = F.sum(mask, [1]);
  const padded = F.cat([mask, F.zeros([n, 1], { dtype: 'bool' })], 1);
  const firstFalse = F.argmin(F.to(padded, 'int32'), 1);
  return itemNumber(ctx, F.all(F.eq(counts, firstFalse))) !== 0;
}
