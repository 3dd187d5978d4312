import { defineOp } from '../core/define-op.js';
import { gradInputMeta } from '../groups/nn-meta.js';
import { maxPool, maxPoolBackward } from '../groups/pool.js';
import { gatherRule } from '../groups/pool-rules.js';

export const maxPool2dWithIndicesBackward = defineOp({
  schemas: [
    'aten::max_pool2d_with_indices_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, int[2] dilation, bool ceil_mode, Tensor indices) -> Tensor',
    'aten::max_pool2d_with_indices_backward.grad_input(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, int[2] dilation, bool ceil_mode, Tensor indices, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (a, ctx) => maxPoolBackward(ctx, 2, a.grad_output, a.self, a.indices, maxPool(ctx, 2, a.self, a)[0].sizes),
  meta: (a) => gradInputMeta(a.self, a.grad_output),
  derivative: (F, c) => gatherRule(F, c, 2),
  samples: (S) => {
    const x = S.randn([1, 2, 4, 4]);
    const x2 = S.randn([2, 5, 5]);
    return [
      S.call('max_pool2d_with_indices_backward', [
        S.randn([1, 2, 2, 2]),
        x,
        [2],
        [2],
        [0],
        [1],
        false,
        S.t([1, 2, 2, 2], { dtype: 'int64', low: 0, high: 16 }),
      ]),
      S.call('max_pool2d_with_indices_backward', [
        S.randn([2, 3, 3], 'transposed'),
        x2,
        [3],
        [2],
        [1],
        [1],
        false,
        S.t([2, 3, 3], { dtype: 'int64', low: 0, high: 25 }),
      ]),
      S.call('max_pool2d_with_indices_backward', [
        S.t([1, 2, 3, 3], { dtype: 'float64' }),
        S.t([1, 2, 4, 4], { dtype: 'float64' }),
        [2],
        [1],
        [0],
        [1],
        false,
        S.t([1, 2, 3, 3], { dtype: 'int64', low: 0, high: 16 }),
      ]),
      S.call(
        'max_pool2d_with_indices_backward.grad_input',
        [S.randn([1, 2, 2, 2]), x, [2], [2], [0], [1], false, S.t([1, 2, 2, 2], { dtype: 'int64', low: 0, high: 16 })],
        { grad_input: S.randn([0]) },
      ),
    ];
  },
});
