/** Sorting along a dim (sort, argsort, topk, kthvalue, median, nanmedian): shared checks and helpers. */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType } from '../core/dtypes.js';
import { contiguous, numel, scalarTensor } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { oneDim, reducedSizes } from './reduce.js';

/** PyTorch's CPU sort-based kernels that have no bool / float16 version. */
export function checkSortable(cpuName: string, dtype: DType, bool = true, half = true): void {
  if ((bool && dtype === 'bool') || (half && dtype === 'float16')) {
    throw new OpError(`"${cpuName}" not implemented for '${cppDtypeName(dtype)}'`);
  }
}

/** t as a 1-d view of all its elements (a contiguous copy first when needed). */
export function flatten(ctx: OpContext, t: TensorLike): TensorLike {
  const c = contiguous(ctx, t);
  return ctx.view(c, [numel(t.sizes)], [1], c.offset);
}

/** t with a size-1 dim inserted at `dim` (a view). */
export function unsqueezeView(ctx: OpContext, t: TensorLike, dim: number): TensorLike {
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  sizes.splice(dim, 0, 1);
  strides.splice(dim, 0, 0);
  return ctx.view(t, sizes, strides, t.offset);
}

/** t without the size-1 dim `dim` (a view). */
export function squeezeView(ctx: OpContext, t: TensorLike, dim: number): TensorLike {
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  sizes.splice(dim, 1);
  strides.splice(dim, 1);
  return ctx.view(t, sizes, strides, t.offset);
}

/**
 * nanmedian along `dim`: sort (NaN sorts last), count the non-NaN values of each row, and pick the
 * lower median among them; a row of NaNs gives NaN.
 */
export function nanmedianAlong(
  ctx: OpContext,
  self: TensorLike,
  dim: number,
  keepdim: boolean,
): [TensorLike, TensorLike] {
  const nd = self.sizes.length;
  const d = oneDim(dim, nd);
  if (nd === 0) {
    const values = ctx.empty([], self.dtype);
    K.copy(values, self);
    return [values, ctx.empty([], 'int64')];
  }
  const n = self.sizes[d];
  if (n === 0) throw new OpError(`median(): Expected reduction dim ${d} to have non-zero size.`, 'IndexError');
  const sorted = ctx.empty(self.sizes, self.dtype);
  const order = ctx.empty(self.sizes, 'int64');
  K.sort(sorted, order, self, d, false);
  const kept = reducedSizes(self.sizes, [d], true);
  const nans = ctx.empty(kept, 'int64');
  if (self.dtype === 'float32' || self.dtype === 'float64' || self.dtype === 'bfloat16') {
    const isnan = ctx.empty(self.sizes, 'bool');
    K.unary('isnan', isnan, self);
    K.countNonzero(squeezeView(ctx, nans, d), isnan, [d]);
  }
  // k = max(0, floor((n - nans - 1) / 2)): the lower median of the n - nans values that are numbers.
  const k = ctx.empty(kept, 'int64');
  K.binary('sub', k, scalarTensor(ctx, n - 1, 'int64'), nans);
  K.binary('div_floor', k, k, scalarTensor(ctx, 2, 'int64'));
  K.clamp(k, k, 0, null);
  const values = ctx.empty(kept, self.dtype);
  const indices = ctx.empty(kept, 'int64');
  K.gather(values, sorted, d, k);
  K.gather(indices, order, d, k);
  if (keepdim) return [values, indices];
  return [squeezeView(ctx, values, d), squeezeView(ctx, indices, d)];
}

/** t's elements [start, start + length) along `dim` (a view). */
export function narrowView(ctx: OpContext, t: TensorLike, dim: number, start: number, length: number): TensorLike {
  const sizes = [...t.sizes];
  sizes[dim] = length;
  return ctx.view(t, sizes, t.strides, t.offset + start * t.strides[dim]);
}

/**
 * mode along `dim`: sort (stable), measure the runs of equal values, take the first longest run
 * (the smallest of the most frequent values) and the input index of its last element (the last
 * occurrence in the input, as PyTorch reports it).
 */
export function modeAlong(ctx: OpContext, self: TensorLike, dim: number, keepdim: boolean): [TensorLike, TensorLike] {
  const nd = self.sizes.length;
  const d = oneDim(dim, nd);
  if (nd === 0) {
    const values = ctx.empty([], self.dtype);
    K.copy(values, self);
    return [values, ctx.empty([], 'int64')];
  }
  const n = self.sizes[d];
  if (n === 0) throw new OpError(`mode(): Expected reduction dim ${d} to have non-zero size.`, 'IndexError');
  const kept = reducedSizes(self.sizes, [d], true);
  let values = ctx.empty(kept, self.dtype);
  let indices = ctx.empty(kept, 'int64');
  if (numel(self.sizes) > 0) {
    const sorted = ctx.empty(self.sizes, self.dtype);
    const order = ctx.empty(self.sizes, 'int64');
    K.sort(sorted, order, self, d, false);
    const starts = ctx.empty(self.sizes, 'bool');
    K.fill(narrowView(ctx, starts, d, 0, 1), 1);
    if (n > 1) {
      K.binary(
        'ne',
        narrowView(ctx, starts, d, 1, n - 1),
        narrowView(ctx, sorted, d, 1, n - 1),
        narrowView(ctx, sorted, d, 0, n - 1),
      );
    }
    const one = scalarTensor(ctx, 1, 'int64');
    const run = ctx.empty(self.sizes, 'int64');
    K.cumsum(run, starts, d);
    K.binary('sub', run, run, one);
    const ones = ctx.empty(self.sizes, 'int64');
    K.fill(ones, 1);
    const lengths = ctx.empty(self.sizes, 'int64');
    K.scatterAdd(lengths, d, run, ones);
    const lengthAt = ctx.empty(self.sizes, 'int64');
    K.gather(lengthAt, lengths, d, run);
    const longest = ctx.empty(kept, 'int64');
    const first = ctx.empty(kept, 'int64');
    K.max(longest, first, lengthAt, d, true);
    K.gather(values, sorted, d, first);
    const last = ctx.empty(kept, 'int64');
    K.binary('add', last, first, longest);
    K.binary('sub', last, last, one);
    K.gather(indices, order, d, last);
  }
  if (!keepdim) {
    values = squeezeView(ctx, values, d);
    indices = squeezeView(ctx, indices, d);
  }
  return [values, indices];
}
