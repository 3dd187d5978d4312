import { defineOp } from '../core/define-op.js';
import { gradInputMeta } from '../groups/nn-meta.js';
import { adaptiveAvgPoolBackward } from '../groups/pool.js';

export const _adaptiveAvgPool2dBackward = defineOp({
  schemas: [
    'aten::_adaptive_avg_pool2d_backward(Tensor grad_output, Tensor self) -> Tensor',
    'aten::_adaptive_avg_pool2d_backward.out(Tensor grad_output, Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => adaptiveAvgPoolBackward(ctx, 2, a.grad_output, a.self),
  meta: (a) => gradInputMeta(a.self, a.grad_output),
  derivative: (F, c) => ({ grad_output: F._adaptiveAvgPool2d(c.grad, F.sizes(c.grad_output).slice(-2)) }),
  samples: (S) => [
    S.call('_adaptive_avg_pool2d_backward', [S.randn([1, 2, 3, 3]), S.randn([1, 2, 5, 5])]),
    S.call('_adaptive_avg_pool2d_backward', [S.randn([2, 4, 4], 'transposed'), S.randn([2, 3, 3])]),
    S.call('_adaptive_avg_pool2d_backward', [
      S.t([1, 1, 2, 2], { dtype: 'float64' }),
      S.t([1, 1, 5, 5], { dtype: 'float64' }),
    ]),
    S.call('_adaptive_avg_pool2d_backward.out', [S.randn([1, 1, 2, 2]), S.randn([1, 1, 4, 4])], { out: S.randn([0]) }),
  ],
});
