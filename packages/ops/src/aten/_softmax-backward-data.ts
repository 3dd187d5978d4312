import { defineOp } from '../core/define-op.js';
import { softmaxBackwardImpl } from '../groups/softmax-backward.js';

export const _softmaxBackwardData = defineOp({
  schemas: [
    'aten::_softmax_backward_data(Tensor grad_output, Tensor output, int dim, ScalarType input_dtype) -> Tensor',
    'aten::_softmax_backward_data.out(Tensor grad_output, Tensor output, int dim, ScalarType input_dtype, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  ...softmaxBackwardImpl(false),
  // gI = y (g - sum(g y)): d/dg = this op; d/dy = G (g - sum(g y)) - g sum(G y)
  derivative: (F, { grad, grad_output, output, dim, input_dtype }) => ({
    grad_output: F._softmaxBackwardData(grad, output, dim, input_dtype),
    output: F.sub(
      F.mul(grad, F.sub(grad_output, F.sum(F.mul(grad_output, output), [dim], true))),
      F.mul(grad_output, F.sum(F.mul(grad, output), [dim], true)),
    ),
  }),
  samples: (S) => [
    S.call('_softmax_backward_data', [S.randn([2, 5]), S.t([2, 5], { low: 0, high: 1 }), 1, 6]),
    S.call('_softmax_backward_data', [S.randn([3, 4], 'transposed'), S.t([3, 4], { low: 0, high: 1 }), 0, 6]),
    S.call('_softmax_backward_data', [S.randn([]), S.t([], { low: 0, high: 1 }), 0, 6]),
    S.call('_softmax_backward_data', [S.randn([0, 2]), S.randn([0, 2]), -1, 6]),
    S.call('_softmax_backward_data', [S.t([2, 3], { dtype: 'float64' }), S.t([2, 3], { dtype: 'float64' }), -2, 7]),
    S.error('_softmax_backward_data', [S.randn([2, 3]), S.randn([2, 3]), 2, 6], 'Dimension out of range'),
    S.call('_softmax_backward_data.out', [S.randn([2, 3]), S.randn([2, 3]), 1, 6], {
      grad_input: S.randn([2, 3]),
    }),
  ],
});
