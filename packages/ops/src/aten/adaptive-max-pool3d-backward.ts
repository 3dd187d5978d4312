import { defineOp } from '../core/define-op.js';
import { gradInputMeta } from '../groups/nn-meta.js';
import { maxPoolBackward } from '../groups/pool.js';
import { gatherRule } from '../groups/pool-rules.js';

export const adaptiveMaxPool3dBackward = defineOp({
  schemas: [
    'aten::adaptive_max_pool3d_backward(Tensor grad_output, Tensor self, Tensor indices) -> Tensor',
    'aten::adaptive_max_pool3d_backward.grad_input(Tensor grad_output, Tensor self, Tensor indices, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (a, ctx) => maxPoolBackward(ctx, 3, a.grad_output, a.self, a.indices, null),
  meta: (a) => gradInputMeta(a.self, a.grad_output),
  derivative: (F, c) => gatherRule(F, c, 3),
  samples: (S) => [
    S.call('adaptive_max_pool3d_backward', [
      S.randn([1, 2, 2, 2, 2]),
      S.randn([1, 2, 4, 4, 4]),
      S.t([1, 2, 2, 2, 2], { dtype: 'int64', low: 0, high: 64 }),
    ]),
    S.call('adaptive_max_pool3d_backward', [
      S.randn([2, 3, 3, 3], 'transposed'),
      S.randn([2, 3, 3, 3]),
      S.t([2, 3, 3, 3], { dtype: 'int64', low: 0, high: 27 }),
    ]),
    S.call(
      'adaptive_max_pool3d_backward.grad_input',
      [S.randn([1, 1, 2, 2, 2]), S.randn([1, 1, 4, 4, 4]), S.t([1, 1, 2, 2, 2], { dtype: 'int64', low: 0, high: 64 })],
      { grad_input: S.randn([0]) },
    ),
  ],
});
