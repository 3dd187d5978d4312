import { defineOp } from '../core/define-op.js';
import { softmaxBackwardImpl } from '../groups/softmax-backward.js';

export const _logSoftmaxBackwardData = defineOp({
  schemas: [
    'aten::_log_softmax_backward_data(Tensor grad_output, Tensor output, int dim, ScalarType input_dtype) -> Tensor',
    'aten::_log_softmax_backward_data.out(Tensor grad_output, Tensor output, int dim, ScalarType input_dtype, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  ...softmaxBackwardImpl(true),
  // gI = g - exp(y) sum(g): d/dg = G - sum(G exp(y)); d/dy = -G exp(y) sum(g)
  derivative: (F, { grad, grad_output, output, dim }) => {
    const e = F.exp(output);
    return {
      grad_output: F.sub(grad, F.sum(F.mul(grad, e), [dim], true)),
      output: F.neg(F.mul(F.mul(grad, e), F.sum(grad_output, [dim], true))),
    };
  },
  samples: (S) => [
    S.call('_log_softmax_backward_data', [S.randn([2, 5]), S.t([2, 5], { low: 0, high: 1 }), 1, 6]),
    S.call('_log_softmax_backward_data', [
      S.randn([3, 4], 'transposed'),
      S.t([3, 4], { low: 0, high: 1, layout: 'strided' }),
      0,
      6,
    ]),
    S.call('_log_softmax_backward_data', [S.randn([]), S.t([], { low: 0, high: 1 }), 0, 6]),
    S.call('_log_softmax_backward_data', [S.randn([0, 2]), S.randn([0, 2]), -1, 6]),
    S.call('_log_softmax_backward_data', [S.t([2, 3], { dtype: 'float64' }), S.t([2, 3], { dtype: 'float64' }), -2, 7]),
    S.error('_log_softmax_backward_data', [S.randn([2, 3]), S.randn([2, 3]), 2, 6], 'Dimension out of range'),
    S.call('_log_softmax_backward_data.out', [S.randn([2, 3]), S.randn([2, 3]), 1, 6], {
      out: S.randn([2, 3]),
    }),
  ],
});
