import { defineOp } from '../core/define-op.js';
import { lossSamples, pointwiseLoss } from '../groups/losses.js';

export const klDiv = defineOp({
  schemas: ['aten::kl_div(Tensor self, Tensor target, int reduction=1, *, bool log_target=False) -> Tensor'],
  // t (log t - x) (0 where t = 0), or exp(t) (t - x) for a log-space target; 'mean' averages every element.
  ...pointwiseLoss('kl_div', (c, x, t, a) =>
    a.log_target ? c.mul(c.un('exp', t), c.sub(t, x)) : c.sub(c.bin('xlogy', t, t), c.mul(t, x)),
  ),
  derivative: (F, { grad, self, target, reduction, log_target }) => {
    const n = reduction === 1 ? F.sizes(F.sub(self, target)).reduce((p: number, s: number) => p * s, 1) : 1;
    const g = reduction === 1 ? F.div(grad, n) : grad;
    if (log_target) {
      const e = F.exp(target);
      return {
        self: F.sumTo(F.neg(F.mul(e, g)), F.sizes(self)),
        target: F.sumTo(F.mul(F.mul(e, F.add(F.sub(target, self), 1)), g), F.sizes(target)),
      };
    }
    const dt = F.where(F.gt(target, 0), F.add(F.sub(F.log(target), self), 1), F.neg(self));
    return {
      self: F.sumTo(F.neg(F.mul(target, g)), F.sizes(self)),
      target: F.sumTo(F.mul(dt, g), F.sizes(target)),
    };
  },
  samples: (S) => [
    ...lossSamples(S, 'kl_div', {}, { tlow: 0, thigh: 1 }),
    ...lossSamples(S, 'kl_div', { log_target: true }).slice(0, 4),
    S.call('kl_div', [S.randn([2, 3]), S.of([0, 0.5, 1], [3])], { reduction: 0 }),
  ],
});
