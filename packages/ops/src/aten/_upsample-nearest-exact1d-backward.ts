import { defineOp } from '../core/define-op.js';
import { plainSpec, upsampleBackward, vecSpec } from '../groups/upsample.js';

export const _upsampleNearestExact1dBackward = defineOp({
  schemas: [
    'aten::_upsample_nearest_exact1d_backward.vec(Tensor grad_output, SymInt[]? output_size, SymInt[] input_size, float[]? scale_factors) -> Tensor',
    'aten::_upsample_nearest_exact1d_backward(Tensor grad_output, SymInt[1] output_size, SymInt[3] input_size, float? scales=None) -> Tensor',
    'aten::_upsample_nearest_exact1d_backward.grad_input(Tensor grad_output, SymInt[1] output_size, SymInt[3] input_size, float? scales=None, *, Tensor(a!) grad_input) -> Tensor(a!)',
    'aten::_upsample_nearest_exact1d_backward.vec_out(Tensor grad_output, SymInt[]? output_size, SymInt[] input_size, float[]? scale_factors, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    vec: (a, ctx) =>
      upsampleBackward(
        ctx,
        'nearest-exact',
        1,
        a.grad_output,
        a.input_size,
        vecSpec(1, a.input_size, a.output_size, a.scale_factors),
        false,
      ),
    '': (a, ctx) =>
      upsampleBackward(ctx, 'nearest-exact', 1, a.grad_output, a.input_size, plainSpec(1, a.output_size, a), false),
  },
  meta: (a) => ({ sizes: [...a.input_size], dtype: a.grad_output.dtype }),
  derivative: {
    vec: (F, c) => ({ grad_output: F._upsampleNearestExact1d(c.grad, c.output_size, c.scale_factors) }),
    '': (F, c) => ({ grad_output: F._upsampleNearestExact1d(c.grad, c.output_size, c.scales) }),
  },
  samples: (S) => [
    S.call('_upsample_nearest_exact1d_backward.vec', [S.randn([2, 2, 5]), [5], [2, 2, 3], null]),
    S.call('_upsample_nearest_exact1d_backward.vec', [S.randn([2, 2, 7]), null, [2, 2, 3], [2.5]]),
    S.call('_upsample_nearest_exact1d_backward.vec', [S.randn([2, 2, 2], 'transposed'), [2], [2, 2, 3], null]),
    S.call('_upsample_nearest_exact1d_backward', [S.randn([2, 2, 5]), [5], [2, 2, 3]]),
    S.call('_upsample_nearest_exact1d_backward', [S.t([2, 2, 7], { dtype: 'float64' }), [7], [2, 2, 3], 2.5]),
    S.call('_upsample_nearest_exact1d_backward', [S.randn([2, 2, 1]), [1], [2, 2, 3]]),
    S.call('_upsample_nearest_exact1d_backward.grad_input', [S.randn([2, 2, 5]), [5], [2, 2, 3]], {
      grad_input: S.randn([0]),
    }),
    S.call('_upsample_nearest_exact1d_backward.vec_out', [S.randn([2, 2, 5]), [5], [2, 2, 3], null], {
      out: S.randn([0]),
    }),
    S.error(
      '_upsample_nearest_exact1d_backward',
      [S.randn([2, 2, 4]), [5], [2, 2, 3]],
      'Expected a tensor of dimension 3 and tensor.size[2] == 5 but got: dimension 3 and tensor.size[2] = 4',
    ),
  ],
});
