import { defineOp } from '../core/define-op.js';
import { gradInputMeta } from '../groups/nn-meta.js';
import { checkPad, gatherPadBackward } from '../groups/pad.js';

export const reflectionPad3dBackward = defineOp({
  schemas: [
    'aten::reflection_pad3d_backward(Tensor grad_output, Tensor self, int[6] padding) -> Tensor',
    'aten::reflection_pad3d_backward.grad_input(Tensor grad_output, Tensor self, int[6] padding, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    checkPad('reflect', 3, a.self, a.padding);
    return gatherPadBackward(ctx, 'reflect', a.grad_output, a.self, a.padding);
  },
  meta: (a) => gradInputMeta(a.self, a.grad_output),
  derivative: (F, { grad, padding }) => ({ grad_output: F.reflectionPad3d(grad, padding) }),
  samples: (S) => [
    S.call('reflection_pad3d_backward', [S.randn([1, 2, 5, 6, 6]), S.randn([1, 2, 3, 4, 3]), [1, 2, 2, 0, 1, 1]]),
    S.call('reflection_pad3d_backward', [
      S.randn([2, 4, 7, 6], 'transposed'),
      S.randn([2, 3, 4, 3]),
      [2, 1, 1, 2, 0, 1],
    ]),
    S.call('reflection_pad3d_backward', [
      S.t([2, 1, 3, 5, 3], { dtype: 'float64' }),
      S.t([2, 1, 3, 4, 3], { dtype: 'float64' }),
      [-1, 1, 1, 0, 1, -1],
    ]),
    S.call(
      'reflection_pad3d_backward.grad_input',
      [S.randn([1, 2, 5, 6, 6]), S.randn([1, 2, 3, 4, 3]), [1, 2, 2, 0, 1, 1]],
      { grad_input: S.randn([0]) },
    ),
  ],
});
