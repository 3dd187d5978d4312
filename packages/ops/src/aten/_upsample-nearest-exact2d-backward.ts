import { defineOp } from '../core/define-op.js';
import { plainSpec, upsampleBackward, vecSpec } from '../groups/upsample.js';

export const _upsampleNearestExact2dBackward = defineOp({
  schemas: [
    'aten::_upsample_nearest_exact2d_backward.vec(Tensor grad_output, SymInt[]? output_size, SymInt[] input_size, float[]? scale_factors) -> Tensor',
    'aten::_upsample_nearest_exact2d_backward(Tensor grad_output, SymInt[2] output_size, SymInt[4] input_size, float? scales_h=None, float? scales_w=None) -> Tensor',
    'aten::_upsample_nearest_exact2d_backward.grad_input(Tensor grad_output, SymInt[2] output_size, SymInt[4] input_size, float? scales_h=None, float? scales_w=None, *, Tensor(a!) grad_input) -> Tensor(a!)',
    'aten::_upsample_nearest_exact2d_backward.vec_out(Tensor grad_output, SymInt[]? output_size, SymInt[] input_size, float[]? scale_factors, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    vec: (a, ctx) =>
      upsampleBackward(
        ctx,
        'nearest-exact',
        2,
        a.grad_output,
        a.input_size,
        vecSpec(2, a.input_size, a.output_size, a.scale_factors),
        false,
      ),
    '': (a, ctx) =>
      upsampleBackward(ctx, 'nearest-exact', 2, a.grad_output, a.input_size, plainSpec(2, a.output_size, a), false),
  },
  meta: (a) => ({ sizes: [...a.input_size], dtype: a.grad_output.dtype }),
  derivative: {
    vec: (F, c) => ({ grad_output: F._upsampleNearestExact2d(c.grad, c.output_size, c.scale_factors) }),
    '': (F, c) => ({ grad_output: F._upsampleNearestExact2d(c.grad, c.output_size, c.scales_h, c.scales_w) }),
  },
  samples: (S) => [
    S.call('_upsample_nearest_exact2d_backward.vec', [S.randn([2, 2, 5, 4]), [5, 4], [2, 2, 3, 4], null]),
    S.call('_upsample_nearest_exact2d_backward.vec', [S.randn([2, 2, 7, 6]), null, [2, 2, 3, 4], [2.5, 1.5]]),
    S.call('_upsample_nearest_exact2d_backward.vec', [S.randn([2, 2, 2, 2], 'transposed'), [2, 2], [2, 2, 3, 4], null]),
    S.call('_upsample_nearest_exact2d_backward', [S.randn([2, 2, 5, 4]), [5, 4], [2, 2, 3, 4]]),
    S.call('_upsample_nearest_exact2d_backward', [
      S.t([2, 2, 7, 5], { dtype: 'float64' }),
      [7, 5],
      [2, 2, 3, 4],
      2.5,
      2.5,
    ]),
    S.call('_upsample_nearest_exact2d_backward', [S.randn([2, 2, 1, 1]), [1, 1], [2, 2, 3, 4]]),
    S.call('_upsample_nearest_exact2d_backward.grad_input', [S.randn([2, 2, 5, 4]), [5, 4], [2, 2, 3, 4]], {
      grad_input: S.randn([0]),
    }),
    S.call('_upsample_nearest_exact2d_backward.vec_out', [S.randn([2, 2, 5, 4]), [5, 4], [2, 2, 3, 4], null], {
      out: S.randn([0]),
    }),
    S.error(
      '_upsample_nearest_exact2d_backward',
      [S.randn([2, 2, 4, 4]), [5, 4], [2, 2, 3, 4]],
      'Expected grad_output to have the same shape as output',
    ),
  ],
});
