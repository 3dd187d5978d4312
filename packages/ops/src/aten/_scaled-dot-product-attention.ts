import { defineOp } from '../core/define-op.js';
import { attentionGradsF, scaledDotProductAttention } from '../groups/attention.js';
import { num } from '../groups/nn-math.js';

export const _scaledDotProductAttention = defineOp({
  schemas: [
    'aten::_scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask=None, float dropout_p=0., bool need_attn_weights=False, bool is_causal=False) -> (Tensor, Tensor)',
  ],
  // PyTorch 1.13 returns the attention weights whether or not need_attn_weights asks for them.
  impl: (a, ctx) => scaledDotProductAttention(ctx, a.query, a.key, a.value, a.attn_mask, num(a.dropout_p), a.is_causal),
  // Dropout is not replayed: the rule is exact for dropout_p = 0 (inference and the fixtures).
  derivative: (F, { grads, query, key, value, attn_mask, result }) => {
    const g = attentionGradsF(F, grads[0], grads[1], query, key, value, result[1]);
    const maskGrad =
      attn_mask != null && attn_mask.dtype !== 'bool' && g.scores != null
        ? F.sumTo(g.scores, F.sizes(attn_mask))
        : null;
    return { query: g.query, key: g.key, value: g.value, attn_mask: maskGrad };
  },
  samples: (S) => {
    const f = S.float;
    return [
      S.call('_scaled_dot_product_attention', [S.randn([2, 3, 4]), S.randn([2, 5, 4]), S.randn([2, 5, 3])]),
      S.call('_scaled_dot_product_attention', [
        S.randn([2, 3, 4], 'transposed'),
        S.randn([2, 5, 4]),
        S.randn([2, 5, 3], 'strided'),
        null,
        f(0),
        true,
      ]),
      S.call('_scaled_dot_product_attention', [
        S.randn([2, 2, 3, 4]),
        S.randn([2, 2, 3, 4]),
        S.randn([2, 2, 3, 4]),
        null,
        f(0),
        false,
        true,
      ]),
      S.call('_scaled_dot_product_attention', [
        S.randn([3, 4]),
        S.randn([5, 4]),
        S.randn([5, 2]),
        S.t([3, 5], { dtype: 'bool' }),
      ]),
      S.call('_scaled_dot_product_attention', [
        S.randn([2, 3, 4]),
        S.randn([2, 5, 4]),
        S.randn([2, 5, 3]),
        S.randn([3, 5]),
      ]),
      S.call('_scaled_dot_product_attention', [
        S.t([1, 2, 3], { dtype: 'float64' }),
        S.t([1, 2, 3], { dtype: 'float64' }),
        S.t([1, 2, 3], { dtype: 'float64' }),
      ]),
      S.call(
        '_scaled_dot_product_attention',
        [S.randn([2, 3, 4]), S.randn([2, 5, 4]), S.randn([2, 5, 3]), null, f(0.5)],
        undefined,
        { check: 'meta' },
      ),
      S.error(
        '_scaled_dot_product_attention',
        [S.randn([2, 3, 4]), S.randn([2, 3, 4]), S.randn([2, 3, 4]), S.t([3, 3], { dtype: 'bool' }), f(0), false, true],
        'Explicit attn_mask should not be set when is_causal=True',
      ),
      S.error(
        '_scaled_dot_product_attention',
        [S.t([2, 3, 4], { dtype: 'float64' }), S.randn([2, 3, 4]), S.randn([2, 3, 4])],
        'expected scalar type Double but found Float',
      ),
    ];
  },
});
