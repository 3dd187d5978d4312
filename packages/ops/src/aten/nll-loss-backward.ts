import { defineOp } from '../core/define-op.js';
import { nllLossBackward as backward } from '../groups/nll.js';

export const nllLossBackward = defineOp({
  schemas: [
    'aten::nll_loss_backward(Tensor grad_output, Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index, Tensor total_weight) -> Tensor',
    'aten::nll_loss_backward.grad_input(Tensor grad_output, Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index, Tensor total_weight, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (a, ctx) =>
    backward(ctx, a.grad_output, a.self, a.target, a.weight, a.reduction, a.ignore_index, a.total_weight, false),
  meta: (a) => ({ sizes: a.self.sizes, dtype: a.self.dtype }),
  // Linear in grad_output and independent of self.
  derivative: (F, { grad, self, target, weight, reduction, ignore_index }) => ({
    grad_output: F.nllLossForward(grad, target, weight, reduction, ignore_index)[0],
    self: F.zerosLike(grad),
  }),
  samples: (S) => {
    const t = S.of([0, 1, 3], [3], 'int64');
    return [
      S.call('nll_loss_backward', [S.randn([]), S.randn([3, 4]), t, null, 1, -100, S.of([3], [])]),
      S.call('nll_loss_backward', [
        S.randn([3]),
        S.randn([3, 4]),
        S.of([0, -100, 3], [3], 'int64'),
        S.randn([4]),
        0,
        -100,
        S.of([0], []),
      ]),
      S.call('nll_loss_backward', [S.randn([]), S.randn([3, 4], 'transposed'), t, S.randn([4]), 2, 1, S.of([2], [])]),
      S.call('nll_loss_backward', [S.randn([]), S.randn([4]), S.of([2], [], 'int64'), null, 1, -100, S.of([1], [])]),
      S.call('nll_loss_backward', [
        S.t([], { dtype: 'float64' }),
        S.t([2, 3], { dtype: 'float64' }),
        S.of([0, 2], [2], 'int64'),
        null,
        1,
        -100,
        S.of([2], [], 'float64'),
      ]),
      S.call('nll_loss_backward.grad_input', [S.randn([]), S.randn([3, 4]), t, null, 2, -100, S.of([3], [])], {
        grad_input: S.randn([3, 4]),
      }),
    ];
  },
});
