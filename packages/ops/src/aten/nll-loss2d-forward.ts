import { defineOp } from '../core/define-op.js';
import { nllLoss2dForward as forward } from '../groups/nll.js';

export const nllLoss2dForward = defineOp({
  schemas: [
    'aten::nll_loss2d_forward(Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index) -> (Tensor output, Tensor total_weight)',
    'aten::nll_loss2d_forward.output(Tensor self, Tensor target, Tensor? weight, int reduction, int ignore_index, *, Tensor(a!) output, Tensor(b!) total_weight) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: (a, ctx) => forward(ctx, a.self, a.target, a.weight, a.reduction, a.ignore_index),
  derivative: (F, { grads, self, target, weight, reduction, ignore_index, result }) => ({
    self: F.nllLoss2dBackward(grads[0], self, target, weight, reduction, ignore_index, result[1]),
  }),
  samples: (S) => {
    const t = S.ints([2, 2, 3], 0, 3);
    return [
      S.call('nll_loss2d_forward', [S.randn([2, 3, 2, 3]), t, null, 1, -100]),
      S.call('nll_loss2d_forward', [S.randn([2, 3, 2, 3], 'transposed'), t, S.randn([3]), 0, 1]),
      S.call('nll_loss2d_forward', [S.randn([2, 3, 2, 3]), t, S.randn([3]), 2, -100]),
      S.call('nll_loss2d_forward.output', [S.randn([2, 3, 2, 3]), t, null, 1, -100], {
        output: S.randn([]),
        total_weight: S.randn([]),
      }),
    ];
  },
});
