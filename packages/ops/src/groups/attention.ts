/** Scaled dot-product attention on kernels (batched gemm + softmax), shared by the attention ops. */
import * as K from '@tsjit/kernels';
import { cppDtypeName } from '../core/dtypes.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { requireFloating } from './activation.js';
import { Calc } from './nn-math.js';

type T = TensorLike;

/** a [..., m, k] @ b [..., k, n] for equal batch dims (flattened into one bmm). */
export function batchedMatmul(c: Calc, a: T, b: T): T {
  const batch = a.sizes.slice(0, -2);
  const [m, k] = a.sizes.slice(-2);
  const n = b.sizes[b.sizes.length - 1];
  const nb = numel(batch);
  const a3 = c.reshape(a, [nb, m, k]);
  const b3 = c.reshape(b, [nb, k, n]);
  const out = c.empty([nb, m, n]);
  K.bmm(out, a3, b3);
  return c.reshape(out, [...batch, m, n]);
}

/** The last two dims swapped (a view). */
export function transposeLast(c: Calc, t: T): T {
  const nd = t.sizes.length;
  return c.transpose(t, nd - 2, nd - 1);
}

/**
 * softmax(q k^T / sqrt(E) + mask) @ v; a bool mask (or the causal one) keeps the True entries.
 * Returns [output, attention weights].
 */
export function scaledDotProductAttention(
  ctx: OpContext,
  query: T,
  key: T,
  value: T,
  attnMask: T | null,
  dropoutP: number,
  isCausal: boolean,
): [T, T] {
  const dtype = requireFloating(query.dtype, 'bmm');
  for (const t of [key, value]) {
    if (t.dtype !== dtype)
      throw new OpError(`expected scalar type ${cppDtypeName(dtype)} but found ${cppDtypeName(t.dtype)}`);
  }
  const c = new Calc(ctx, dtype);
  const e = query.sizes[query.sizes.length - 1];
  const q = c.mul(query, 1 / Math.sqrt(e));
  let scores = batchedMatmul(c, q, transposeLast(c, key));
  let mask = attnMask;
  if (isCausal) {
    if (attnMask != null) {
      throw new OpError('_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True');
    }
    const [l, s] = scores.sizes.slice(-2);
    const ones = ctx.empty([l, s], 'bool');
    K.fill(ones, 1);
    mask = ctx.empty([l, s], 'bool');
    K.tril(mask, ones, 0);
  }
  if (mask != null) {
    const additive = mask.dtype === 'bool' ? c.where(mask, 0, Number.NEGATIVE_INFINITY) : c.t(mask);
    scores = c.add(scores, additive);
  }
  let attn = c.empty(scores.sizes);
  K.softmax(attn, scores, scores.sizes.length - 1);
  if (dropoutP > 0 && numel(attn.sizes) > 0) {
    // Random: the samples of dropout calls compare only sizes and dtypes.
    const keep = ctx.empty(attn.sizes, 'float64');
    const view = new Float64Array(keep.data.buffer, keep.data.byteOffset, numel(attn.sizes));
    for (let i = 0; i < view.length; i++) view[i] = Math.random() >= dropoutP ? 1 / (1 - dropoutP) : 0;
    attn = c.mul(attn, keep);
  }
  return [batchedMatmul(c, attn, value), attn];
}

/**
 * Gradients of attention for a rule, given the attention weights: { query, key, value, scores }
 * where scores is the gradient of the additive mask.
 */
export function attentionGradsF(F: any, gOut: any, gAttn: any, query: any, key: any, value: any, attn: any): any {
  const e = query.sizes[query.sizes.length - 1];
  const scale = 1 / Math.sqrt(e);
  const nd = attn.sizes.length;
  const dValue = gOut == null ? null : F.matmul(F.transpose(attn, nd - 2, nd - 1), gOut);
  let dAttn = gOut == null ? null : F.matmul(gOut, F.transpose(value, nd - 2, nd - 1));
  if (gAttn != null) dAttn = dAttn == null ? gAttn : F.add(dAttn, gAttn);
  if (dAttn == null) return { query: null, key: null, value: null, scores: null };
  const dScores = F.SoftmaxBackwardData(dAttn, attn, -1, attn.dtype);
  return {
    query: F.mul(F.matmul(dScores, key), scale),
    key: F.mul(F.matmul(F.transpose(dScores, nd - 2, nd - 1), query), scale),
    value: dValue,
    scores: dScores,
  };
}
