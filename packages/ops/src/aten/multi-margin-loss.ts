import { defineOp } from '../core/define-op.js';
import { multiMarginLossGrad, multiMarginLossValue } from '../groups/class-margin-losses.js';
import { num } from '../groups/nn-math.js';

export const multiMarginLoss = defineOp({
  schemas: [
    'aten::multi_margin_loss(Tensor self, Tensor target, Scalar p=1, Scalar margin=1, Tensor? weight=None, int reduction=1) -> Tensor',
  ],
  impl: (a, ctx) => multiMarginLossValue(ctx.F, a.self, a.target, num(a.p), num(a.margin), a.weight, a.reduction),
  // PyTorch 1.13 differentiates the scores only (target holds labels; weight gets no gradient).
  derivative: (F, { grad, self, target, p, margin, weight, reduction }) => ({
    self: multiMarginLossGrad(F, grad, self, target, num(p), num(margin), weight, reduction),
    weight: null,
  }),
  samples: (S) => {
    const labels = (v: number[], sizes = [v.length]) => S.of(v, sizes, 'int64');
    const f = S.float;
    return [
      S.call('multi_margin_loss', [S.randn([3, 4]), labels([0, 3, 1])]),
      S.call('multi_margin_loss', [S.randn([3, 4], 'transposed'), labels([2, 2, 0]), 2, f(0.5), null, 0]),
      S.call('multi_margin_loss', [
        S.randn([4, 5]),
        labels([4, 0, 1, 3]),
        1,
        f(1.5),
        S.t([5], { low: 0.1, high: 2 }),
        2,
      ]),
      S.call('multi_margin_loss', [S.randn([4]), labels([2], []), 2, 1, S.t([4], { low: 0.1, high: 2 }), 0]),
      S.call('multi_margin_loss', [S.t([2, 3], { dtype: 'float64' }), labels([1, 2]), 1, f(0.3), null, 1]),
      S.error('multi_margin_loss', [S.randn([3, 4]), labels([0, 5, 1])], 'target out of range'),
      S.error('multi_margin_loss', [S.randn([3, 4]), labels([0, 1])], 'inconsistent target size, got: [2]'),
      S.error('multi_margin_loss', [S.randn([3, 4]), labels([0, 1, 2]), 3], 'only p == 1 and p == 2 supported'),
    ];
  },
});
