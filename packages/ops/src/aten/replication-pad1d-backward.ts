import { defineOp } from '../core/define-op.js';
import { gradInputMeta } from '../groups/nn-meta.js';
import { checkPad, gatherPadBackward } from '../groups/pad.js';

export const replicationPad1dBackward = defineOp({
  schemas: [
    'aten::replication_pad1d_backward(Tensor grad_output, Tensor self, int[2] padding) -> Tensor',
    'aten::replication_pad1d_backward.grad_input(Tensor grad_output, Tensor self, int[2] padding, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    checkPad('replicate', 1, a.self, a.padding);
    return gatherPadBackward(ctx, 'replicate', a.grad_output, a.self, a.padding);
  },
  meta: (a) => gradInputMeta(a.self, a.grad_output),
  derivative: (F, { grad, padding }) => ({ grad_output: F.replicationPad1d(grad, padding) }),
  samples: (S) => [
    S.call('replication_pad1d_backward', [S.randn([1, 2, 7]), S.randn([1, 2, 4]), [1, 2]]),
    S.call('replication_pad1d_backward', [S.randn([2, 7], 'transposed'), S.randn([2, 4]), [2, 1]]),
    S.call('replication_pad1d_backward', [
      S.t([2, 1, 4], { dtype: 'float64' }),
      S.t([2, 1, 4], { dtype: 'float64' }),
      [-1, 1],
    ]),
    S.call('replication_pad1d_backward.grad_input', [S.randn([1, 2, 7]), S.randn([1, 2, 4]), [1, 2]], {
      grad_input: S.randn([0]),
    }),
  ],
});
