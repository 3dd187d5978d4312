import { defineOp } from '../core/define-op.js';
import { lossBackward, lossBackwardSamples } from '../groups/losses.js';

export const binaryCrossEntropyBackward = defineOp({
  schemas: [
    'aten::binary_cross_entropy_backward(Tensor grad_output, Tensor self, Tensor target, Tensor? weight=None, int reduction=1) -> Tensor',
    'aten::binary_cross_entropy_backward.grad_input(Tensor grad_output, Tensor self, Tensor target, Tensor? weight=None, int reduction=1, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  // w (x - t) / max(x (1 - x), 1e-12)
  ...lossBackward('binary_cross_entropy_backward', (c, x, t, a) => {
    const g = c.div(c.sub(x, t), c.max(c.mul(c.sub(1, x), x), 1e-12));
    return a.weight == null ? g : c.mul(g, a.weight);
  }),
  // PyTorch's double backward: d/dx = g w (x^2 - 2 x t + t) / max(x (1 - x), eps)^2, d/dt = -g w / max(x (1 - x), eps)
  derivative: (F, { grad, grad_output, self, target, weight, reduction }) => {
    const d = F.sub(self, target);
    const n = reduction === 1 ? F.sizes(d).reduce((p: number, s: number) => p * s, 1) : 1;
    const den = F.clampMin(F.mul(F.rsub(self, 1), self), 1e-12);
    let k = F.mul(F.mul(grad, grad_output), 1 / n);
    if (weight != null) k = F.mul(k, weight);
    const local = weight == null ? F.div(d, den) : F.mul(F.div(d, den), weight);
    const num2 = F.add(F.sub(F.mul(self, self), F.mul(F.mul(self, target), 2)), target);
    return {
      grad_output: F.sumTo(F.mul(F.mul(grad, local), 1 / n), F.sizes(grad_output)),
      self: F.sumTo(F.div(F.mul(k, num2), F.mul(den, den)), F.sizes(self)),
      target: F.sumTo(F.neg(F.div(k, den)), F.sizes(target)),
    };
  },
  samples: (S) => [
    ...lossBackwardSamples(S, 'binary_cross_entropy_backward', [], { low: 0, high: 1 }, { low: 0.05, high: 0.95 }).map(
      (s) => ({
        ...s,
        args: [...s.args.slice(0, 3), null, s.args[3]],
      }),
    ),
    S.call('binary_cross_entropy_backward', [
      S.randn([2, 3]),
      S.t([2, 3], { low: 0.1, high: 0.9 }),
      S.t([2, 3], { low: 0, high: 1 }),
      S.t([3], { low: 0, high: 2 }),
      0,
    ]),
    S.call(
      'binary_cross_entropy_backward.grad_input',
      [S.randn([]), S.t([2, 3], { low: 0.1, high: 0.9 }), S.t([2, 3], { low: 0, high: 1 })],
      {
        grad_input: S.randn([2, 3]),
      },
    ),
  ],
});
