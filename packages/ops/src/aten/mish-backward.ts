import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';

const { impl, meta } = backwardImpl('mish_backward_cpu', (c, g, x) => {
  // d/dx x tanh(softplus(x)) = t + x sigmoid(x) (1 - t^2)
  const t = c.un('tanh', c.un('softplus', x));
  const s = c.un('sigmoid', x);
  return c.mul(g, c.add(t, c.mul(c.mul(x, s), c.sub(1, c.mul(t, t)))));
});

export const mishBackward = defineOp({
  schemas: ['aten::mish_backward(Tensor grad_output, Tensor self) -> Tensor'],
  impl,
  meta,
  derivative: (F, { grad, grad_output, self }) => {
    // f'' = s (1 - t^2) (2 + x (1 - s) - 2 x s t)
    const s = F.sigmoid(self);
    const t = F.tanh(F.softplus(self));
    const a = F.add(F.mul(self, F.rsub(s, 1)), 2);
    const b = F.mul(F.mul(F.mul(self, s), t), 2);
    const second = F.mul(F.mul(s, F.rsub(F.mul(t, t), 1)), F.sub(a, b));
    // The inputs may broadcast against each other: each gradient is reduced to its input's sizes.
    return {
      grad_output: F.sumTo(F.mishBackward(grad, self), F.sizes(grad_output)),
      self: F.sumTo(F.mul(F.mul(grad, grad_output), second), F.sizes(self)),
    };
  },
  samples: (S) => [...backwardSamples(S, 'mish_backward'), S.call('mish_backward', [S.randn([3]), S.randn([2, 3])])],
});
