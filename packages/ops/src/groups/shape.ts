/** Shared pieces of the shape ops: concatenation with PyTorch's checks and dtype promotion. */
import * as K from '@tsjit/kernels';
import { resultType } from '../core/dtypes.js';
import { normalizeDim, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';

/** PyTorch still skips 1-d empty tensors in cat whatever the other inputs' ranks ("legacy" empties). */
export function isLegacyEmpty(t: TensorLike): boolean {
  return t.sizes.length === 1 && t.sizes[0] === 0;
}

/** The result sizes of torch.cat(tensors, dim) (checked) and the normalized dim. */
export function catSizes(
  tensors: readonly TensorLike[],
  dim: number,
  op = 'torch.cat()',
): { sizes: number[]; dim: number } {
  if (tensors.length === 0) throw new OpError(`${op}: expected a non-empty list of Tensors`);
  tensors.forEach((t, i) => {
    if (t.sizes.length === 0) throw new OpError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const used = tensors.map((t, i) => [t, i] as const).filter(([t]) => !isLegacyEmpty(t));
  if (used.length === 0) return { sizes: [0], dim: normalizeDim(dim, 1) };
  const first = used[0][0];
  const d = normalizeDim(dim, first.sizes.length);
  const sizes = [...first.sizes];
  sizes[d] = 0;
  for (const [t, i] of used) {
    if (t.sizes.length !== first.sizes.length) {
      throw new OpError(`Tensors must have same number of dimensions: got ${first.sizes.length} and ${t.sizes.length}`);
    }
    for (let k = 0; k < sizes.length; k++) {
      if (k !== d && t.sizes[k] !== first.sizes[k]) {
        throw new OpError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${first.sizes[k]} but got size ${t.sizes[k]} for tensor number ${i} in the list.`,
        );
      }
    }
    sizes[d] += t.sizes[d];
  }
  return { sizes, dim: d };
}

/** torch.cat with type promotion over the inputs. */
export function concatenate(ctx: OpContext, tensors: readonly TensorLike[], dim: number, op?: string): TensorLike {
  const { sizes, dim: d } = catSizes(tensors, dim, op);
  const dtype = resultType(tensors);
  const out = ctx.empty(sizes, dtype);
  const used = tensors.filter((t) => !isLegacyEmpty(t) || sizes.length === 1);
  if (used.length > 0)
    K.cat(
      out,
      used.map((t) => toDtype(ctx, t, dtype)),
      d,
    );
  return out;
}

/**
 * The gradient of each input of a concatenation along dim: slices of grad, reshaped back to the
 * input's sizes when the input was first viewed at atleast_{n}d (n = 0: as is). Null for the
 * 1-d empties cat skips.
 */
export function catGrads(
  F: Functions,
  grad: unknown,
  tensors: readonly unknown[],
  dim: number,
  atLeast: number,
): unknown[] {
  const ndim = F.sizes(grad).length;
  const d = dim < 0 ? dim + ndim : dim;
  let offset = 0;
  return tensors.map((t) => {
    const s = F.sizes(t) as number[];
    if (atLeast === 0 && isLegacyEmptySizes(s) && ndim !== 1) return null;
    const n = atLeastSizes(s, atLeast)[d];
    const slice = F.narrow(grad, d, offset, n);
    offset += n;
    return atLeast === 0 ? slice : F.reshape(slice, s);
  });
}

function isLegacyEmptySizes(s: readonly number[]): boolean {
  return s.length === 1 && s[0] === 0;
}

/** The sizes torch.atleast_{1,2,3}d gives (n = 0: unchanged). */
export function atLeastSizes(s: readonly number[], n: number): number[] {
  return atLeastLayout(s, s, n)[0];
}

function atLeastLayout(s: readonly number[], st: readonly number[], n: number): [number[], number[]] {
  if (s.length >= n) return [[...s], [...st]];
  if (s.length === 0) return [new Array(n).fill(1), new Array(n).fill(0)];
  if (n === 2)
    return [
      [1, s[0]],
      [0, st[0]],
    ];
  if (s.length === 1)
    return [
      [1, s[0], 1],
      [0, st[0], 0],
    ];
  return [
    [...s, 1],
    [...st, 0],
  ];
}

/** A tensor viewed at atleast_{n}d sizes (only size-1 dims are added). */
export function atLeastView(ctx: OpContext, t: TensorLike, n: number): TensorLike {
  if (t.sizes.length >= n) return t;
  const [sizes, strides] = atLeastLayout(t.sizes, t.strides, n);
  return ctx.view(t, sizes, strides, t.offset);
}
