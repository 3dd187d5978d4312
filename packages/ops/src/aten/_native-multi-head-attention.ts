import { defineOp } from '../core/define-op.js';
import { nativeMultiHeadAttention } from '../groups/attention.js';

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
  // As in PyTorch 1.13 ("derivative for aten::_native_multi_head_attention is not implemented"): the
  // fast path only runs without grad; training goes through the composite multi_head_attention_forward.
  nondifferentiable: 'PyTorch 1.13 defines no derivative for this inference fast path',
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
