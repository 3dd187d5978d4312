import { defineOp } from '../core/define-op.js';
import { lossBackward, lossBackwardSamples } from '../groups/losses.js';
import { num } from '../groups/nn-math.js';

export const huberLossBackward = defineOp({
  schemas: [
    'aten::huber_loss_backward(Tensor grad_output, Tensor self, Tensor target, int reduction, float delta) -> Tensor',
    'aten::huber_loss_backward.out(Tensor grad_output, Tensor self, Tensor target, int reduction, float delta, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  // clamp(d, -delta, delta)
  ...lossBackward('huber_backward_cpu', (c, x, t, a) => c.clamp(c.sub(x, t), -num(a.delta), num(a.delta))),
  derivative: (F, { grad, grad_output, self, target, reduction, delta }) => {
    const dl = Number(delta?.value ?? delta);
    const d = F.sub(self, target);
    const n = reduction === 1 ? F.sizes(d).reduce((p: number, s: number) => p * s, 1) : 1;
    const inside = F.logicalAnd(F.gt(d, -dl), F.lt(d, dl));
    const k = F.mul(F.mul(F.mul(grad, grad_output), inside), 1 / n);
    return {
      grad_output: F.sumTo(F.mul(F.mul(grad, F.clamp(d, -dl, dl)), 1 / n), F.sizes(grad_output)),
      self: F.sumTo(k, F.sizes(self)),
      target: F.sumTo(F.neg(k), F.sizes(target)),
    };
  },
  samples: (S) => [
    ...lossBackwardSamples(S, 'huber_loss_backward', [S.float(1)]),
    ...lossBackwardSamples(S, 'huber_loss_backward', [S.float(0.5)]).slice(0, 2),
    S.call('huber_loss_backward.out', [S.randn([]), S.randn([2, 3]), S.randn([2, 3]), 1, S.float(1)], {
      grad_input: S.randn([2, 3]),
    }),
  ],
});
