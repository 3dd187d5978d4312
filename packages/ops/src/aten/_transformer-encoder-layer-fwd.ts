import { defineOp } from '../core/define-op.js';
import { numel } from '../core/helpers.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { nativeMultiHeadAttention } from '../groups/attention.js';
import { Calc, num } from '../groups/nn-math.js';
import { layerNormForward } from '../groups/norm.js';

type T = TensorLike;

function linear(c: Calc, x: T, w: T, b: T): T {
  const lead = x.sizes.slice(0, -1);
  const y = c.add(c.matmul(c.reshape(x, [numel(lead), x.sizes[x.sizes.length - 1]]), c.transpose(w, 0, 1)), b);
  return c.reshape(y, [...lead, w.sizes[0]]);
}

/** nn.TransformerEncoderLayer's fast path: self-attention and feed-forward blocks, post- or pre-norm. */
function encoderLayer(a: any, ctx: OpContext): T {
  const c = new Calc(ctx, a.src.dtype);
  const eps = num(a.eps);
  const e = a.embed_dim;
  const norm = (x: T, w: T, b: T) => layerNormForward(ctx, x, [e], w, b, eps)[0];
  const attention = (x: T) =>
    nativeMultiHeadAttention(
      ctx,
      x,
      x,
      x,
      e,
      a.num_heads,
      a.qkv_weight,
      a.qkv_bias,
      a.proj_weight,
      a.proj_bias,
      a.mask,
      false,
      true,
      a.mask_type,
    )[0];
  const feedForward = (x: T) => {
    const hidden = linear(c, x, a.ffn_weight_1, a.ffn_bias_1);
    const act = a.use_gelu ? c.un('gelu', hidden) : c.un('relu', hidden);
    return linear(c, act, a.ffn_weight_2, a.ffn_bias_2);
  };
  let x: T = c.t(a.src);
  if (a.norm_first) {
    x = c.add(x, attention(norm(x, a.norm_weight_1, a.norm_bias_1)));
    return c.add(x, feedForward(norm(x, a.norm_weight_2, a.norm_bias_2)));
  }
  x = norm(c.add(x, attention(x)), a.norm_weight_1, a.norm_bias_1);
  return norm(c.add(x, feedForward(x)), a.norm_weight_2, a.norm_bias_2);
}

export const _transformerEncoderLayerFwd = defineOp({
  schemas: [
    'aten::_transformer_encoder_layer_fwd(Tensor src, int embed_dim, int num_heads, Tensor qkv_weight, Tensor qkv_bias, Tensor proj_weight, Tensor proj_bias, bool use_gelu, bool norm_first, float eps, Tensor norm_weight_1, Tensor norm_bias_1, Tensor norm_weight_2, Tensor norm_bias_2, Tensor ffn_weight_1, Tensor ffn_bias_1, Tensor ffn_weight_2, Tensor ffn_bias_2, Tensor? mask=None, int? mask_type=None) -> Tensor',
    'aten::_transformer_encoder_layer_fwd.out(Tensor src, int embed_dim, int num_heads, Tensor qkv_weight, Tensor qkv_bias, Tensor proj_weight, Tensor proj_bias, bool use_gelu, bool norm_first, float eps, Tensor norm_weight_1, Tensor norm_bias_1, Tensor norm_weight_2, Tensor norm_bias_2, Tensor ffn_weight_1, Tensor ffn_bias_1, Tensor ffn_weight_2, Tensor ffn_bias_2, Tensor? mask=None, int? mask_type=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: encoderLayer,
  meta: (a) => ({ sizes: a.src.sizes, dtype: a.src.dtype }),
  // PyTorch 1.13: "derivative for aten::_transformer_encoder_layer_fwd is not implemented".
  nondifferentiable: 'PyTorch 1.13 defines no derivative for this inference fast path',
  samples: (S) => {
    const E = 4;
    const Fd = 6;
    const r = (sizes: number[]) => S.t(sizes, { low: -0.8, high: 0.8 });
    const w = (gelu: boolean, normFirst: boolean) => [
      E,
      2,
      r([3 * E, E]),
      r([3 * E]),
      r([E, E]),
      r([E]),
      gelu,
      normFirst,
      S.float(1e-5),
      S.t([E], { low: 0.5, high: 1.5 }),
      r([E]),
      S.t([E], { low: 0.5, high: 1.5 }),
      r([E]),
      r([Fd, E]),
      r([Fd]),
      r([E, Fd]),
      r([E]),
    ];
    const kp = S.of([false, false, true, false, true, false], [2, 3], 'bool');
    return [
      S.call('_transformer_encoder_layer_fwd', [S.randn([2, 3, E]), ...w(false, false)]),
      S.call('_transformer_encoder_layer_fwd', [S.randn([2, 3, E], 'strided'), ...w(true, true)]),
      S.call('_transformer_encoder_layer_fwd', [S.randn([2, 3, E]), ...w(false, true), kp, 1]),
      S.call('_transformer_encoder_layer_fwd', [S.randn([2, 3, E]), ...w(true, false), kp, 1]),
      S.call('_transformer_encoder_layer_fwd.out', [S.randn([2, 3, E]), ...w(false, false)], {
        out: S.randn([2, 3, E]),
      }),
    ];
  },
});
