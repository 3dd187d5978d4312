import { defineOp } from '../core/define-op.js';
import {
  multilabelIsTarget,
  multilabelMarginLossGrad,
  multilabelMarginLossValue,
} from '../groups/class-margin-losses.js';

export const multilabelMarginLossForward = defineOp({
  schemas: [
    'aten::multilabel_margin_loss_forward(Tensor self, Tensor target, int reduction) -> (Tensor output, Tensor is_target)',
  ],
  impl: (a, ctx) => {
    const isTarget = multilabelIsTarget(ctx, a.self, a.target);
    return [multilabelMarginLossValue(ctx.F, a.self, isTarget, a.reduction), isTarget];
  },
  outputDifferentiability: [true, false],
  derivative: (F, { grad, self, reduction, result }) => ({
    self: multilabelMarginLossGrad(F, grad, self, result[1], reduction),
  }),
  samples: (S) => {
    const labels = (v: number[], sizes: number[]) => S.of(v, sizes, 'int64');
    return [
      S.call('multilabel_margin_loss_forward', [
        S.randn([3, 4]),
        labels([3, 0, -1, 1, 1, -1, 0, 0, 2, 1, 0, 3], [3, 4]),
        1,
      ]),
      S.call('multilabel_margin_loss_forward', [S.randn([4]), labels([3, -1, 0, 0], [4]), 0]),
    ];
  },
});
