/** Scaled dot-product attention on kernels (batched gemm + softmax), shared by the attention ops. */

import * as K from '@tsjit/kernels';
import { cppDtypeName } from '../core/dtypes.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';
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
export function attentionGradsF(F: Functions, gOut: any, gAttn: any, query: any, key: any, value: any, attn: any): any {
  const e = query.sizes[query.sizes.length - 1];
  const scale = 1 / Math.sqrt(e);
  const nd = attn.sizes.length;
  const dValue = gOut == null ? null : F.matmul(F.transpose(attn, nd - 2, nd - 1), gOut);
  let dAttn = gOut == null ? null : F.matmul(gOut, F.transpose(value, nd - 2, nd - 1));
  if (gAttn != null) dAttn = dAttn == null ? gAttn : F.add(dAttn, gAttn);
  if (dAttn == null) return { query: null, key: null, value: null, scores: null };
  const dScores = F._softmaxBackwardData(dAttn, attn, -1, attn.dtype);
  return {
    query: F.mul(F.matmul(dScores, key), scale),
    key: F.mul(F.matmul(F.transpose(dScores, nd - 2, nd - 1), query), scale),
    value: dValue,
    scores: dScores,
  };
}

/** x [..., E] @ w[rows]^T + b[rows] for the rows [start, start + n) of a packed projection. */
function project(c: Calc, x: T, w: T, b: T | null, start: number, n: number): T {
  const e = x.sizes[x.sizes.length - 1];
  const lead = x.sizes.slice(0, -1);
  const x2 = c.reshape(x, [numel(lead), e]);
  let y = c.matmul(x2, c.transpose(c.narrow(w, 0, start, n), 0, 1));
  if (b != null) y = c.add(y, c.narrow(b, 0, start, n));
  return c.reshape(y, [...lead, n]);
}

/**
 * PyTorch's fast-path multi-head attention (batch-first [B, L, E] inputs, packed in-projection):
 * returns [output, weights] with weights averaged over heads, per head, or null.
 */
export function nativeMultiHeadAttention(
  ctx: OpContext,
  query: T,
  key: T,
  value: T,
  embedDim: number,
  numHead: number,
  qkvWeight: T,
  qkvBias: T | null,
  projWeight: T,
  projBias: T | null,
  mask: T | null,
  needWeights: boolean,
  averageWeights: boolean,
  maskType: number | null,
): [T, T | null] {
  if (query.sizes.length !== 3) throw new OpError(`expected 3-D \`query\`, got ${query.sizes.length}-D tensor`);
  if (embedDim % numHead !== 0) throw new OpError('`embed_dim` must divide evenly by `num_heads`');
  const same = (a: T, b: T) => a.sizes.length === b.sizes.length && a.sizes.every((n, i) => n === b.sizes[i]);
  if (!same(query, key) || !same(query, value)) throw new OpError('expected `query`/`key`/`value` shapes to match');
  const dtype = requireFloating(query.dtype, 'addmm_impl_cpu_');
  const c = new Calc(ctx, dtype);
  const [b, l] = query.sizes;
  const e = embedDim;
  const hd = e / numHead;
  const heads = (t: T) => c.transpose(c.reshape(t, [b, l, numHead, hd]), 1, 2);
  const q = heads(project(c, query, qkvWeight, qkvBias, 0, e));
  const k = heads(project(c, key, qkvWeight, qkvBias, e, e));
  const v = heads(project(c, value, qkvWeight, qkvBias, 2 * e, e));
  let keep: T;
  let allowed: T | null = null;
  if (mask != null) {
    if (maskType == null) throw new OpError('Mask Type should be defined');
    if (mask.sizes[0] !== b) {
      throw new OpError('Expected attn_mask->sizes()[0] == batch_size to be true, but got false.');
    }
    // A key-padding mask [B, S]: True (or non-zero) keys are left out.
    const masked = mask.dtype === 'bool' ? mask : c.cmp('ne', mask, 0);
    keep = ctx.view(masked, [b, 1, 1, l], [masked.strides[0], 0, 0, masked.strides[1]], masked.offset);
    allowed = ctx.empty(keep.sizes, 'bool');
    K.unary('logical_not', allowed, keep);
  }
  const [ctxOut, attn] = scaledDotProductAttention(ctx, q, k, v, allowed, 0, false);
  const merged = c.reshape(c.copy(c.transpose(ctxOut, 1, 2)), [b, l, e]);
  const out = project(c, merged, projWeight, projBias, 0, e);
  if (!needWeights) return [out, null];
  return [out, averageWeights ? c.mean(attn, [1]) : attn];
}
