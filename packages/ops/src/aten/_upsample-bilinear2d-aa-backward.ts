import { defineOp } from '../core/define-op.js';
import { plainSpec, upsampleBackward, vecSpec } from '../groups/upsample.js';

export const _upsampleBilinear2dAaBackward = defineOp({
  schemas: [
    'aten::_upsample_bilinear2d_aa_backward.vec(Tensor grad_output, SymInt[]? output_size, SymInt[] input_size, bool align_corners, float[]? scale_factors) -> Tensor',
    'aten::_upsample_bilinear2d_aa_backward(Tensor grad_output, SymInt[2] output_size, SymInt[4] input_size, bool align_corners, float? scales_h=None, float? scales_w=None) -> Tensor',
    'aten::_upsample_bilinear2d_aa_backward.grad_input(Tensor grad_output, SymInt[2] output_size, SymInt[4] input_size, bool align_corners, float? scales_h=None, float? scales_w=None, *, Tensor(a!) grad_input) -> Tensor(a!)',
    'aten::_upsample_bilinear2d_aa_backward.vec_out(Tensor grad_output, SymInt[]? output_size, SymInt[] input_size, bool align_corners, float[]? scale_factors, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    vec: (a, ctx) =>
      upsampleBackward(
        ctx,
        'linear-aa',
        2,
        a.grad_output,
        a.input_size,
        vecSpec(2, a.input_size, a.output_size, a.scale_factors),
        a.align_corners,
      ),
    '': (a, ctx) =>
      upsampleBackward(
        ctx,
        'linear-aa',
        2,
        a.grad_output,
        a.input_size,
        plainSpec(2, a.output_size, a),
        a.align_corners,
      ),
  },
  meta: (a) => ({ sizes: [...a.input_size], dtype: a.grad_output.dtype }),
  derivative: {
    vec: (F, c) => ({ grad_output: F._upsampleBilinear2dAa(c.grad, c.output_size, c.align_corners, c.scale_factors) }),
    '': (F, c) => ({
      grad_output: F._upsampleBilinear2dAa(c.grad, c.output_size, c.align_corners, c.scales_h, c.scales_w),
    }),
  },
  samples: (S) => [
    S.call('_upsample_bilinear2d_aa_backward.vec', [S.randn([2, 2, 5, 4]), [5, 4], [2, 2, 3, 4], false, null]),
    S.call('_upsample_bilinear2d_aa_backward.vec', [S.randn([2, 2, 7, 6]), null, [2, 2, 3, 4], false, [2.5, 1.5]]),
    S.call('_upsample_bilinear2d_aa_backward.vec', [
      S.randn([2, 2, 2, 2], 'transposed'),
      [2, 2],
      [2, 2, 3, 4],
      true,
      null,
    ]),
    S.call('_upsample_bilinear2d_aa_backward', [S.randn([2, 2, 5, 4]), [5, 4], [2, 2, 3, 4], false]),
    S.call('_upsample_bilinear2d_aa_backward', [
      S.t([2, 2, 7, 5], { dtype: 'float64' }),
      [7, 5],
      [2, 2, 3, 4],
      false,
      2.5,
      2.5,
    ]),
    S.call('_upsample_bilinear2d_aa_backward', [S.randn([2, 2, 1, 1]), [1, 1], [2, 2, 3, 4], true]),
    S.call('_upsample_bilinear2d_aa_backward.grad_input', [S.randn([2, 2, 5, 4]), [5, 4], [2, 2, 3, 4], false], {
      grad_input: S.randn([0]),
    }),
    S.call('_upsample_bilinear2d_aa_backward.vec_out', [S.randn([2, 2, 5, 4]), [5, 4], [2, 2, 3, 4], false, null], {
      out: S.randn([0]),
    }),
    S.error(
      '_upsample_bilinear2d_aa_backward',
      [S.randn([2, 2, 4, 4]), [5, 4], [2, 2, 3, 4], false],
      'Expected grad_output to have the same shape as output',
    ),
  ],
});
