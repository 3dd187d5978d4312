import { defineOp } from '../core/define-op.js';
import { gradInputMeta } from '../groups/nn-meta.js';
import { checkPad, gatherPadBackward } from '../groups/pad.js';

export const replicationPad2dBackward = defineOp({
  schemas: [
    'aten::replication_pad2d_backward(Tensor grad_output, Tensor self, int[4] padding) -> Tensor',
    'aten::replication_pad2d_backward.grad_input(Tensor grad_output, Tensor self, int[4] padding, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    checkPad('replicate', 2, a.self, a.padding);
    return gatherPadBackward(ctx, 'replicate', a.grad_output, a.self, a.padding);
  },
  meta: (a) => gradInputMeta(a.self, a.grad_output),
  derivative: (F, { grad, padding }) => ({ grad_output: F.replicationPad2d(grad, padding) }),
  samples: (S) => [
    S.call('replication_pad2d_backward', [S.randn([1, 2, 5, 7]), S.randn([1, 2, 3, 4]), [1, 2, 2, 0]]),
    S.call('replication_pad2d_backward', [S.randn([2, 6, 7], 'transposed'), S.randn([2, 3, 4]), [2, 1, 1, 2]]),
    S.call('replication_pad2d_backward', [
      S.t([2, 1, 4, 4], { dtype: 'float64' }),
      S.t([2, 1, 3, 4], { dtype: 'float64' }),
      [-1, 1, 1, 0],
    ]),
    S.call('replication_pad2d_backward.grad_input', [S.randn([1, 2, 5, 7]), S.randn([1, 2, 3, 4]), [1, 2, 2, 0]], {
      grad_input: S.randn([0]),
    }),
  ],
});
