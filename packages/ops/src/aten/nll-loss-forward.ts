import { defineOp } from '../core/define-op.js';
import { nllLossForward as forward } from '../groups/nll.js';

export const nllLossForward = defineOp({
  schemas: [
    'aten::nll_loss_forward(Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index) -> (Tensor output, Tensor total_weight)',
    'aten::nll_loss_forward.output(Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index, *, Tensor(a!) output, Tensor(b!) total_weight) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: (a, ctx) => forward(ctx, a.self, a.target, a.weight, a.reduction, a.ignore_index),
  derivative: (F, { grads, self, target, weight, reduction, ignore_index, result }) => ({
    self: F.nllLossBackward(grads[0], self, target, weight, reduction, ignore_index, result[1]),
  }),
  samples: (S) => [
    S.call('nll_loss_forward', [S.randn([3, 4]), S.of([0, 1, 3], [3], 'int64'), null, 1, -100]),
    S.call('nll_loss_forward', [
      S.randn([3, 4], 'transposed'),
      S.of([0, -100, 3], [3], 'int64'),
      S.randn([4]),
      0,
      -100,
    ]),
    S.call('nll_loss_forward', [S.randn([3, 4]), S.of([2, 1, 2], [3], 'int64'), S.randn([4], 'strided'), 2, 1]),
    S.call('nll_loss_forward', [S.randn([4]), S.of([2], [], 'int64'), null, 1, -100]),
    S.call('nll_loss_forward', [S.t([2, 3], { dtype: 'float64' }), S.of([0, 2], [2], 'int64'), null, 1, -100]),
    S.call('nll_loss_forward.output', [S.randn([3, 4]), S.of([0, 1, 3], [3], 'int64'), null, 1, -100], {
      output: S.randn([]),
      total_weight: S.randn([]),
    }),
  ],
});
