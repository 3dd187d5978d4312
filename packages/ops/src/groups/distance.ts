/** p-norm distances and their gradients (pairwise_distance, triplet_margin_loss, cdist). */

import * as K from '@tsjit/kernels';
import { broadcastShapes, normalizeDim } from '../core/helpers.js';
import type { Functions, TensorLike } from '../core/tensor-like.js';
import type { Calc } from './nn-math.js';

type T = TensorLike;

/** The p-norm of x along `dim` (all of a 0-d tensor). */
export function pNorm(c: Calc, x: T, p: number, dim: number, keepdim: boolean): T {
  const nd = x.sizes.length;
  if (nd === 0) {
    const out = c.empty([]);
    K.norm(out, c.t(x), p, null, false);
    return out;
  }
  const d = normalizeDim(dim, nd);
  const sizes = x.sizes.flatMap((n, i) => (i === d ? (keepdim ? [1] : []) : [n]));
  const out = c.empty(sizes);
  K.norm(out, c.t(x), p, [d], keepdim);
  return out;
}

/** pairwise_distance: ||x1 - x2 + eps||_p over the last dim of the broadcast shape. */
export function pairwiseDistance(c: Calc, x1: T, x2: T, p: number, eps: number, keepdim: boolean): T {
  const sizes = broadcastShapes(x1.sizes, x2.sizes);
  return pNorm(c, c.add(c.sub(x1, x2), eps), p, sizes.length - 1, keepdim);
}

/**
 * The gradient of ||d||_p along `dim` with respect to d, written with ops (derivative rules):
 * g (keepdim-shaped) * d |d|^(p-2) / n^(p-1), 0 where the norm is 0; inf-norms split evenly among
 * the maximal entries.
 */
export function pNormGrad(F: Functions, g: any, d: any, n: any, p: number): any {
  if (p === 0) return F.zerosLike(d);
  if (p === 1) return F.mul(F.sign(d), g);
  if (p === Number.POSITIVE_INFINITY || p === Number.NEGATIVE_INFINITY) {
    const hit = F.eq(F.abs(d), n);
    const count = F.sum(hit, [-1], true);
    return F.div(F.mul(F.mul(F.sign(d), hit), g), count);
  }
  const zero = F.eq(n, 0);
  const scale = F.where(zero, F.zerosLike(n), F.div(g, p === 2 ? n : F.pow(n, p - 1)));
  const local = p === 2 ? d : F.mul(d, F.pow(F.abs(d), p - 2));
  return F.mul(local, scale);
}

/**
 * Gradients of pairwise_distance(x1, x2, p, eps, keepdim) for a rule: [grad x1, grad x2] given the
 * output gradient `grad` and the result `out`.
 */
export function pairwiseDistanceGrads(
  F: any,
  grad: any,
  x1: any,
  x2: any,
  p: number,
  eps: number,
  keepdim: boolean,
  out: any,
): [any, any] {
  const d = F.add(F.sub(x1, x2), eps);
  const nd = d.sizes.length;
  const g = nd === 0 || keepdim ? grad : F.unsqueeze(grad, -1);
  const n = nd === 0 || keepdim ? out : F.unsqueeze(out, -1);
  const gd = pNormGrad(F, g, d, n, p);
  return [F.sumTo(gd, F.sizes(x1)), F.sumTo(F.neg(gd), F.sizes(x2))];
}
