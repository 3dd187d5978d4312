import { defineOp } from '../core/define-op.js';
import { lossSamples, pointwiseLoss } from '../groups/losses.js';

export const softMarginLoss = defineOp({
  schemas: [
    'aten::soft_margin_loss(Tensor self, Tensor target, int reduction=1) -> Tensor',
    'aten::soft_margin_loss.out(Tensor self, Tensor target, int reduction=1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  // log(1 + exp(-t x))
  ...pointwiseLoss(
    'soft_margin_loss',
    (c, x, t) => c.un('log1p', c.un('exp', c.mul(c.un('neg', x), t))),
    undefined,
    ['self', 'target'],
    true,
  ),
  derivative: (F, { grad, self, target, reduction }) => {
    const n = reduction === 1 ? F.sizes(F.mul(self, target)).reduce((p: number, s: number) => p * s, 1) : 1;
    const g = reduction === 1 ? F.div(grad, n) : grad;
    const s = F.sigmoid(F.neg(F.mul(self, target)));
    return {
      self: F.sumTo(F.neg(F.mul(F.mul(target, s), g)), F.sizes(self)),
      // PyTorch 1.13: not differentiable with respect to target.
      target: null,
    };
  },
  samples: (S) => [
    ...lossSamples(S, 'soft_margin_loss'),
    S.call('soft_margin_loss', [S.randn([2, 3]), S.of([1, -1, 1], [3])], { reduction: 0 }),
    S.call('soft_margin_loss.out', [S.randn([2, 3]), S.randn([2, 3])], { out: S.randn([]) }),
  ],
});
