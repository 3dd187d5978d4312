import { defineOp } from '../core/define-op.js';
import { gradInputMeta } from '../groups/nn-meta.js';
import { avgPoolBackward } from '../groups/pool.js';

export const avgPool2dBackward = defineOp({
  schemas: [
    'aten::avg_pool2d_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, bool ceil_mode, bool count_include_pad, int? divisor_override) -> Tensor',
    'aten::avg_pool2d_backward.grad_input(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, bool ceil_mode, bool count_include_pad, int? divisor_override, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (a, ctx) => avgPoolBackward(ctx, 2, a.grad_output, a.self, a),
  meta: (a) => gradInputMeta(a.self, a.grad_output),
  derivative: (F, c) => ({
    grad_output: F.avgPool2d(
      c.grad,
      c.kernel_size,
      c.stride,
      c.padding,
      c.ceil_mode,
      c.count_include_pad,
      c.divisor_override,
    ),
  }),
  samples: (S) => [
    S.call('avg_pool2d_backward', [S.randn([1, 2, 2, 2]), S.randn([1, 2, 4, 4]), [2], [2], [0], false, true, null]),
    S.call('avg_pool2d_backward', [S.randn([1, 1, 3, 3]), S.randn([1, 1, 5, 5]), [3], [2], [1], false, true, null]),
    S.call('avg_pool2d_backward', [S.randn([1, 1, 3, 3]), S.randn([1, 1, 5, 5]), [3], [2], [1], false, false, null]),
    S.call('avg_pool2d_backward', [S.randn([1, 1, 3, 3]), S.randn([1, 1, 5, 5]), [2], [2], [1], true, true, null]),
    S.call('avg_pool2d_backward', [S.randn([1, 1, 3, 3]), S.randn([1, 1, 5, 5]), [2], [2], [1], true, false, null]),
    S.call('avg_pool2d_backward', [
      S.randn([2, 3, 3], 'transposed'),
      S.randn([2, 4, 4]),
      [2],
      [1],
      [0],
      false,
      true,
      3,
    ]),
    S.call('avg_pool2d_backward', [
      S.t([1, 1, 2, 2], { dtype: 'float64' }),
      S.t([1, 1, 5, 5], { dtype: 'float64' }),
      [2],
      [2],
      [0],
      false,
      true,
      null,
    ]),
    S.call(
      'avg_pool2d_backward.grad_input',
      [S.randn([1, 2, 2, 2]), S.randn([1, 2, 4, 4]), [2], [2], [0], false, true, null],
      { grad_input: S.randn([0]) },
    ),
  ],
});
