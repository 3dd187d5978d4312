import { defineOp } from '../core/define-op.js';
import {
  multilabelIsTarget,
  multilabelMarginLossGrad,
  multilabelMarginLossValue,
} from '../groups/class-margin-losses.js';

export const multilabelMarginLoss = defineOp({
  schemas: ['aten::multilabel_margin_loss(Tensor self, Tensor target, int reduction=1) -> Tensor'],
  impl: (a, ctx) => multilabelMarginLossValue(ctx.F, a.self, multilabelIsTarget(ctx, a.self, a.target), a.reduction),
  // As PyTorch's composite: the target mask comes from multilabel_margin_loss_forward.
  derivative: (F, { grad, self, target, reduction }) => ({
    self: multilabelMarginLossGrad(F, grad, self, F.multilabelMarginLossForward(self, target, reduction)[1], reduction),
  }),
  samples: (S) => {
    const labels = (v: number[], sizes: number[]) => S.of(v, sizes, 'int64');
    return [
      S.call('multilabel_margin_loss', [S.randn([3, 4]), labels([3, 0, -1, 1, 1, -1, 0, 0, 2, 1, 0, 3], [3, 4])]),
      S.call('multilabel_margin_loss', [S.randn([2, 3], 'transposed'), labels([0, 1, -1, 2, -1, 0], [2, 3]), 0]),
      S.call('multilabel_margin_loss', [S.randn([2, 5]), labels([4, 2, -1, 0, 0, -1, 0, 0, 0, 0], [2, 5]), 2]),
      S.call('multilabel_margin_loss', [S.randn([4]), labels([3, -1, 0, 0], [4]), 0]),
      S.call('multilabel_margin_loss', [S.t([2, 3], { dtype: 'float64' }), labels([2, 0, 1, 1, -1, 2], [2, 3])]),
      S.error(
        'multilabel_margin_loss',
        [S.randn([3, 4]), labels([0, 5, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [3, 4])],
        "argument #2 'target' is out of range",
      ),
      S.error(
        'multilabel_margin_loss',
        [S.randn([3, 4]), labels([0, 1, 0, 1, 0, 1], [3, 2])],
        "inconsistent size [3, 2] for argument #2 'target'",
      ),
    ];
  },
});
