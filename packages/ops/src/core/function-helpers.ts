import type { Functions, TensorLike } from './tensor-like.js';

/**
 * The non-op helpers every `F` has besides the ops: `sizes`, `isTensor`, and `sumTo` (reduce a
 * broadcast gradient back to an input's sizes), written with ops so that they work for eager
 * tensors and IR values alike.
 */
export function addFunctionHelpers(F: Functions, isTensor: (v: unknown) => boolean): Functions {
  F.isTensor = (v: unknown) => isTensor(v);
  F.sizes = (t: TensorLike) => t.sizes;
  F.sumTo = (t: TensorLike, sizes: readonly number[]) => {
    const ts = t.sizes;
    if (ts.length === sizes.length && ts.every((n, i) => n === sizes[i])) return t;
    const lead = ts.length - sizes.length;
    const dims: number[] = [];
    for (let d = 0; d < ts.length; d++) {
      if (d < lead) dims.push(d);
      else if (sizes[d - lead] === 1 && ts[d] !== 1) dims.push(d);
    }
    const summed = dims.length ? F.sum(t, dims, true) : t;
    return F.reshape(summed, [...sizes]);
  };
  return F;
}
