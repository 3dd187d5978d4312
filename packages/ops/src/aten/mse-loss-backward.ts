import { defineOp } from '../core/define-op.js';
import { lossBackward, lossBackwardSamples } from '../groups/losses.js';

export const mseLossBackward = defineOp({
  schemas: [
    'aten::mse_loss_backward(Tensor grad_output, Tensor self, Tensor target, int reduction) -> Tensor',
    'aten::mse_loss_backward.grad_input(Tensor grad_output, Tensor self, Tensor target, int reduction, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  ...lossBackward('mse_backward_cpu', (c, x, t) => c.mul(c.sub(x, t), 2)),
  // gI = 2 (x - t) g / n: linear in g, and in x - t.
  derivative: (F, { grad, grad_output, self, target, reduction }) => {
    const d = F.sub(self, target);
    const n = reduction === 1 ? F.sizes(d).reduce((p: number, s: number) => p * s, 1) : 1;
    const k = F.mul(F.mul(grad, grad_output), 2 / n);
    return {
      grad_output: F.sumTo(F.mul(F.mul(grad, d), 2 / n), F.sizes(grad_output)),
      self: F.sumTo(k, F.sizes(self)),
      target: F.sumTo(F.neg(k), F.sizes(target)),
    };
  },
  samples: (S) => [
    ...lossBackwardSamples(S, 'mse_loss_backward'),
    S.call('mse_loss_backward.grad_input', [S.randn([]), S.randn([2, 3]), S.randn([2, 3]), 1], {
      grad_input: S.randn([2, 3]),
    }),
  ],
});
