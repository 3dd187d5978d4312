/**
 * unique and unique_consecutive, over elements or over slices along a dim, built on the sort
 * kernels: sort (or keep the order, for the consecutive variants), mark where a new value starts,
 * and derive the values, the inverse map (cumulated marks scattered back through the sort order)
 * and the counts (ones added per group).
 */
import * as K from '@tsjit/kernels';
import { cppDtypeName } from '../core/dtypes.js';
import { contiguous, full, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { oneDim } from './reduce.js';
import { flatten } from './sorting.js';

export interface UniqueResult {
  readonly values: TensorLike;
  /** Group of each input element (slice), in the input's order. */
  readonly inverse: TensorLike;
  readonly counts: TensorLike;
}

function checkDtype(name: string, t: TensorLike): void {
  if (t.dtype === 'float16') throw new OpError(`"${name}" not implemented for '${cppDtypeName(t.dtype)}'`);
}

/** 0, 1, ..., n-1 as int64. */
function arange(ctx: OpContext, n: number): TensorLike {
  const ones = full(ctx, [n], 1, 'int64');
  const out = ctx.empty([n], 'int64');
  if (n === 0) return out;
  K.cumsum(out, ones, 0);
  K.binary('sub', out, out, ones);
  return out;
}

/** Rows [from, from + length) of a 1-d or 2-d tensor (a view). */
function rows(ctx: OpContext, t: TensorLike, from: number, length: number): TensorLike {
  const sizes = [length, ...t.sizes.slice(1)];
  return ctx.view(t, sizes, t.strides, t.offset + from * t.strides[0]);
}

/**
 * The group bookkeeping over n ordered keys: `starts` (bool [n]) marks the first of each group,
 * `order` maps ordered positions to input positions (null: the identity).
 */
function groups(
  ctx: OpContext,
  starts: TensorLike,
  order: TensorLike | null,
): { inverse: TensorLike; counts: TensorLike; firsts: TensorLike } {
  const n = starts.sizes[0];
  const groupOf = ctx.empty([n], 'int64');
  K.cumsum(groupOf, starts, 0);
  const ones = full(ctx, [n], 1, 'int64');
  K.binary('sub', groupOf, groupOf, ones);
  const m = K.nonzeroCount(starts);
  let inverse = groupOf;
  if (order !== null) {
    inverse = ctx.empty([n], 'int64');
    K.scatter(inverse, 0, order, groupOf);
  }
  const counts = ctx.empty([m], 'int64');
  K.scatterAdd(counts, 0, groupOf, ones);
  const firsts = ctx.empty([m], 'int64');
  K.maskedSelect(firsts, arange(ctx, n), starts);
  return { inverse, counts, firsts };
}

/** Marks where consecutive rows (elements of a 1-d tensor) differ; the first is always a start. */
function changes(ctx: OpContext, keys: TensorLike): TensorLike {
  const n = keys.sizes[0];
  const starts = ctx.empty([n], 'bool');
  K.fill(rows(ctx, starts, 0, 1), 1);
  if (n < 2) return starts;
  const later = rows(ctx, keys, 1, n - 1);
  const earlier = rows(ctx, keys, 0, n - 1);
  if (keys.sizes.length === 1) {
    K.binary('ne', rows(ctx, starts, 1, n - 1), later, earlier);
    return starts;
  }
  const differs = ctx.empty(later.sizes, 'bool');
  K.binary('ne', differs, later, earlier);
  K.any(rows(ctx, starts, 1, n - 1), differs, [1], false);
  return starts;
}

/** Unique elements of the flattened input (sorted, or in runs for `consecutive`). */
export function uniqueElements(ctx: OpContext, self: TensorLike, consecutive: boolean): UniqueResult {
  checkDtype('unique', self);
  const n = numel(self.sizes);
  if (n === 0) {
    return {
      values: ctx.empty([0], self.dtype),
      inverse: ctx.empty(self.sizes, 'int64'),
      counts: ctx.empty([0], 'int64'),
    };
  }
  let keys = flatten(ctx, self);
  let order: TensorLike | null = null;
  if (!consecutive) {
    const sorted = ctx.empty([n], self.dtype);
    order = ctx.empty([n], 'int64');
    K.sort(sorted, order, keys, 0, false);
    keys = sorted;
  }
  const starts = changes(ctx, keys);
  const { inverse, counts, firsts } = groups(ctx, starts, order);
  const values = ctx.empty([firsts.sizes[0]], self.dtype);
  K.indexSelect(values, keys, 0, firsts);
  return { values, inverse: ctx.view(inverse, self.sizes, contiguousStridesOf(self.sizes), 0), counts };
}

function contiguousStridesOf(sizes: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length);
  let s = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(sizes[i], 1);
  }
  return strides;
}

/** self with `dim` moved to the front (a view). */
function dimFirst(ctx: OpContext, t: TensorLike, d: number): TensorLike {
  const perm = [d, ...t.sizes.map((_, i) => i).filter((i) => i !== d)];
  return ctx.view(
    t,
    perm.map((i) => t.sizes[i]),
    perm.map((i) => t.strides[i]),
    t.offset,
  );
}

/** Unique slices along `dim` (sorted lexicographically, or in runs for `consecutive`). */
export function uniqueSlices(ctx: OpContext, self: TensorLike, dim: number, consecutive: boolean): UniqueResult {
  if (self.sizes.length === 0) {
    throw new OpError(`Dimension specified as ${dim} but tensor has no dimensions`, 'IndexError');
  }
  const d = oneDim(dim, self.sizes.length);
  checkDtype('unique_dim', self);
  const n = self.sizes[d];
  if (numel(self.sizes) === 0) {
    if (n !== 0) {
      throw new OpError("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied");
    }
    return {
      values: ctx.empty(self.sizes, self.dtype),
      inverse: ctx.empty([0], 'int64'),
      counts: ctx.empty([0], 'int64'),
    };
  }
  const front = contiguous(ctx, dimFirst(ctx, self, d));
  const width = numel(self.sizes) / n;
  let matrix = ctx.view(front, [n, width], [width, 1], front.offset);
  let order: TensorLike | null = null;
  if (!consecutive) {
    // Lexicographic order of the rows: stable sorts by each column, the last column first.
    let perm = arange(ctx, n);
    const column = ctx.empty([n], self.dtype);
    const step = ctx.empty([n], 'int64');
    for (let c = width - 1; c >= 0; c--) {
      K.indexSelect(column, ctx.view(matrix, [n], [width], matrix.offset + c), 0, perm);
      K.argsort(step, column, 0, false);
      const next = ctx.empty([n], 'int64');
      K.indexSelect(next, perm, 0, step);
      perm = next;
    }
    const sorted = ctx.empty([n, width], self.dtype);
    K.indexSelect(sorted, matrix, 0, perm);
    matrix = sorted;
    order = perm;
  }
  const starts = changes(ctx, matrix);
  const { inverse, counts, firsts } = groups(ctx, starts, order);
  const m = firsts.sizes[0];
  const picked = ctx.empty([m, width], self.dtype);
  K.indexSelect(picked, matrix, 0, firsts);
  const sizes = self.sizes.map((s, i) => (i === d ? m : s));
  const values = ctx.empty(sizes, self.dtype);
  const target = dimFirst(ctx, values, d);
  K.copy(target, ctx.view(picked, target.sizes, contiguousStridesOf(target.sizes), 0));
  return { values, inverse, counts };
}

/** The (values, inverse, counts) triple with PyTorch's empty placeholders for what was not asked. */
export function uniqueTriple(ctx: OpContext, r: UniqueResult, inverse: boolean, counts: boolean): TensorLike[] {
  return [r.values, inverse ? r.inverse : ctx.empty([0], 'int64'), counts ? r.counts : ctx.empty([0], 'int64')];
}
