import { defineOp } from '../core/define-op.js';
import { nllLossBackward as backward } from '../groups/nll.js';

export const nllLoss2dBackward = defineOp({
  schemas: [
    'aten::nll_loss2d_backward(Tensor grad_output, Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index, Tensor total_weight) -> Tensor',
    'aten::nll_loss2d_backward.grad_input(Tensor grad_output, Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index, Tensor total_weight, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (a, ctx) =>
    backward(ctx, a.grad_output, a.self, a.target, a.weight, a.reduction, a.ignore_index, a.total_weight, true),
  meta: (a) => ({ sizes: a.self.sizes, dtype: a.self.dtype }),
  derivative: (F, { grad, target, weight, reduction, ignore_index }) => ({
    grad_output: F.nllLoss2dForward(grad, target, weight, reduction, ignore_index)[0],
    self: F.zerosLike(grad),
  }),
  samples: (S) => {
    const t = S.ints([2, 2, 3], 0, 3);
    return [
      S.call('nll_loss2d_backward', [S.randn([]), S.randn([2, 3, 2, 3]), t, null, 1, -100, S.of([12], [])]),
      S.call('nll_loss2d_backward', [S.randn([2, 2, 3]), S.randn([2, 3, 2, 3]), t, S.randn([3]), 0, 1, S.of([0], [])]),
      S.call('nll_loss2d_backward', [S.randn([]), S.randn([2, 3, 2, 3]), t, S.randn([3]), 2, -100, S.of([3], [])]),
      S.call('nll_loss2d_backward.grad_input', [S.randn([]), S.randn([2, 3, 2, 3]), t, null, 1, -100, S.of([12], [])], {
        grad_input: S.randn([2, 3, 2, 3]),
      }),
    ];
  },
});
