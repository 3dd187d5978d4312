import { defineOp } from '../core/define-op.js';
import { attentionGradsF, nativeMultiHeadAttention } from '../groups/attention.js';

export const _nativeMultiHeadAttention = defineOp({
  schemas: [
    'aten::_native_multi_head_attention(Tensor query, Tensor key, Tensor value, int embed_dim, int num_head, Tensor qkv_weight, Tensor qkv_bias, Tensor proj_weight, Tensor proj_bias, Tensor? mask=None, bool need_weights=True, bool average_attn_weights=True, int? mask_type=None) -> (Tensor, Tensor)',
    'aten::_native_multi_head_attention.out(Tensor query, Tensor key, Tensor value, int embed_dim, int num_head, Tensor qkv_weight, Tensor qkv_bias, Tensor proj_weight, Tensor proj_bias, Tensor? mask=None, bool need_weights=True, bool average_attn_weights=True, int? mask_type=None, *, Tensor(a!) out0, Tensor(b!) out1) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: (a, ctx) =>
    nativeMultiHeadAttention(
      ctx,
      a.query,
      a.key,
      a.value,
      a.embed_dim,
      a.num_head,
      a.qkv_weight,
      a.qkv_bias,
      a.proj_weight,
      a.proj_bias,
      a.mask,
      a.need_weights,
      a.average_attn_weights,
      a.mask_type,
    ),
  // Recomputes the projections and the attention with ops, then back-propagates by hand.
  derivative: (F, a) => {
    const {
      grads,
      query,
      key,
      value,
      embed_dim: e,
      num_head: nh,
      qkv_weight: w,
      qkv_bias: bias,
      proj_weight: pw,
      mask,
    } = a;
    const [b, l] = query.sizes;
    const hd = e / nh;
    const rows = (t: any, k: number) => F.narrow(t, 0, k * e, e);
    const heads = (t: any) => F.transpose(F.reshape(t, [b, l, nh, hd]), 1, 2);
    const merge = (t: any) => F.reshape(F.transpose(t, 1, 2), [b, l, e]);
    const q = heads(F.linear(query, rows(w, 0), rows(bias, 0)));
    const k = heads(F.linear(key, rows(w, 1), rows(bias, 1)));
    const v = heads(F.linear(value, rows(w, 2), rows(bias, 2)));
    let scores = F.matmul(F.mul(q, 1 / Math.sqrt(hd)), F.transpose(k, 2, 3));
    if (mask != null) scores = F.maskedFill(scores, F.reshape(F.ne(mask, 0), [b, 1, 1, l]), Number.NEGATIVE_INFINITY);
    const attn = F.softmax(scores, -1);
    const ctxOut = merge(F.matmul(attn, v));
    const gOut = grads[0];
    let gAttn = grads[1] ?? null;
    if (gAttn != null && a.average_attn_weights) gAttn = F.expand(F.unsqueeze(F.div(gAttn, nh), 1), attn.sizes);
    const gCtx = gOut == null ? null : heads(F.matmul(gOut, pw));
    const g = attentionGradsF(F, gCtx, gAttn, q, k, v, attn);
    const flat = (t: any) => F.reshape(t, [b * l, e]);
    const inGrad = (gh: any, k2: number, x: any) => {
      const gm = gh == null ? null : merge(gh);
      return gm == null
        ? [null, null, null]
        : [F.matmul(gm, rows(w, k2)), F.matmul(F.t(flat(gm)), flat(x)), F.sum(gm, [0, 1])];
    };
    const [dq, dwq, dbq] = inGrad(g.query, 0, query);
    const [dk, dwk, dbk] = inGrad(g.key, 1, key);
    const [dv, dwv, dbv] = inGrad(g.value, 2, value);
    const orZero = (t: any, like: any) => t ?? F.zerosLike(like);
    return {
      query: dq,
      key: dk,
      value: dv,
      qkv_weight: F.cat([orZero(dwq, rows(w, 0)), orZero(dwk, rows(w, 1)), orZero(dwv, rows(w, 2))], 0),
      qkv_bias: F.cat([orZero(dbq, rows(bias, 0)), orZero(dbk, rows(bias, 1)), orZero(dbv, rows(bias, 2))], 0),
      proj_weight: gOut == null ? null : F.matmul(F.t(flat(gOut)), flat(ctxOut)),
      proj_bias: gOut == null ? null : F.sum(gOut, [0, 1]),
    };
  },
  samples: (S) => {
    const E = 4;
    const p = () => [
      S.t([3 * E, E], { low: -1, high: 1 }),
      S.t([3 * E], { low: -0.5, high: 0.5 }),
      S.t([E, E], { low: -1, high: 1 }),
      S.t([E], { low: -0.5, high: 0.5 }),
    ];
    const x = S.randn([2, 3, E]);
    return [
      S.call('_native_multi_head_attention', [x, x, x, E, 2, ...p()]),
      S.call('_native_multi_head_attention', [
        S.randn([2, 3, E]),
        S.randn([2, 3, E], 'strided'),
        S.randn([2, 3, E]),
        E,
        1,
        ...p(),
        null,
        true,
        false,
      ]),
      S.call('_native_multi_head_attention', [
        x,
        x,
        x,
        E,
        2,
        ...p(),
        S.of([false, false, true, false, true, false], [2, 3], 'bool'),
        true,
        true,
        1,
      ]),
      S.call('_native_multi_head_attention', [
        x,
        x,
        x,
        E,
        4,
        ...p(),
        S.of([false, false, true, false, true, false], [2, 3], 'bool'),
        true,
        false,
        1,
      ]),
      S.call('_native_multi_head_attention', [x, x, x, E, 2, ...p(), null, false]),
      S.error('_native_multi_head_attention', [x, x, x, E, 3, ...p()], '`embed_dim` must divide evenly by `num_heads`'),
      S.error(
        '_native_multi_head_attention',
        [S.randn([3, E]), S.randn([3, E]), S.randn([3, E]), E, 2, ...p()],
        'expected 3-D `query`, got 2-D tensor',
      ),
      S.error(
        '_native_multi_head_attention',
        [x, S.randn([2, 4, E]), S.randn([2, 4, E]), E, 2, ...p()],
        'expected `query`/`key`/`value` shapes to match',
      ),
      S.error(
        '_native_multi_head_attention',
        [x, x, x, E, 2, ...p(), S.of([false, false, true, false, true, false], [2, 3], 'bool')],
        'Mask Type should be defined',
      ),
    ];
  },
});
