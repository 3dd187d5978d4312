import { defineOp } from '../core/define-op.js';
import { lossBackward, lossBackwardSamples } from '../groups/losses.js';

export const softMarginLossBackward = defineOp({
  schemas: [
    'aten::soft_margin_loss_backward(Tensor grad_output, Tensor self, Tensor target, int reduction) -> Tensor',
    'aten::soft_margin_loss_backward.grad_input(Tensor grad_output, Tensor self, Tensor target, int reduction, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  // -t z / (1 + z), z = exp(-t x)
  ...lossBackward('soft_margin_loss_backward', (c, x, t) => {
    const z = c.un('exp', c.mul(c.un('neg', t), x));
    return c.div(c.mul(c.un('neg', t), z), c.add(z, 1));
  }),
  // f = -t sigmoid(-t x): df/dx = t^2 s (1 - s), df/dt = -s + t x s (1 - s), with s = sigmoid(-t x)
  derivative: (F, { grad, grad_output, self, target, reduction }) => {
    const tx = F.mul(self, target);
    const n = reduction === 1 ? F.sizes(tx).reduce((p: number, s: number) => p * s, 1) : 1;
    const s = F.sigmoid(F.neg(tx));
    const ds = F.mul(s, F.rsub(s, 1));
    const k = F.mul(F.mul(grad, grad_output), 1 / n);
    return {
      grad_output: F.sumTo(F.mul(F.mul(grad, F.neg(F.mul(target, s))), 1 / n), F.sizes(grad_output)),
      self: F.sumTo(F.mul(k, F.mul(F.mul(target, target), ds)), F.sizes(self)),
      // PyTorch 1.13: not differentiable with respect to target.
      target: null,
    };
  },
  samples: (S) => [
    ...lossBackwardSamples(S, 'soft_margin_loss_backward'),
    S.call('soft_margin_loss_backward.grad_input', [S.randn([]), S.randn([2, 3]), S.randn([2, 3]), 1], {
      grad_input: S.randn([2, 3]),
    }),
  ],
});
