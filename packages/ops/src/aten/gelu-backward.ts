import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';
import { checkApproximate } from './gelu.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const KAPPA = 0.044715;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const { impl, meta } = backwardImpl('GeluBackwardKernelImpl', (c, g, x, a) => {
  if (checkApproximate(a.approximate) === 'none') {
    // d/dx x*Phi(x) = Phi(x) + x*phi(x)
    const cdf = c.mul(c.add(c.un('erf', c.mul(x, Math.SQRT1_2)), 1), 0.5);
    const pdf = c.mul(c.un('exp', c.mul(c.mul(x, x), -0.5)), INV_SQRT_2PI);
    return c.mul(g, c.add(cdf, c.mul(x, pdf)));
  }
  const x2 = c.mul(x, x);
  const t = c.un('tanh', c.mul(c.add(x, c.mul(c.mul(x2, x), KAPPA)), SQRT_2_OVER_PI));
  const du = c.mul(c.add(c.mul(x2, 3 * KAPPA), 1), SQRT_2_OVER_PI);
  const left = c.mul(c.add(t, 1), 0.5);
  const right = c.mul(c.mul(c.mul(x, 0.5), c.sub(1, c.mul(t, t))), du);
  return c.mul(g, c.add(left, right));
});

export const geluBackward = defineOp({
  schemas: [
    'aten::gelu_backward(Tensor grad_output, Tensor self, *, str approximate="none") -> Tensor',
    'aten::gelu_backward.grad_input(Tensor grad_output, Tensor self, *, str approximate="none", Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, grad_output, self, approximate }) => {
    let second: any;
    if (approximate === 'tanh') {
      // u = k(x + kappa x^3), t = tanh(u): f'' = (1 - t^2) (u' + x/2 (u'' - 2 t u'^2))
      const k = Math.sqrt(2 / Math.PI);
      const kappa = 0.044715;
      const x2 = F.mul(self, self);
      const t = F.tanh(F.mul(F.add(self, F.mul(F.mul(x2, self), kappa)), k));
      const du = F.mul(F.add(F.mul(x2, 3 * kappa), 1), k);
      const ddu = F.mul(self, 6 * kappa * k);
      const inner = F.add(du, F.mul(F.mul(self, 0.5), F.sub(ddu, F.mul(F.mul(t, du), F.mul(du, 2)))));
      second = F.mul(F.rsub(F.mul(t, t), 1), inner);
    } else {
      // f'' = phi(x) (2 - x^2)
      const pdf = F.mul(F.exp(F.mul(F.mul(self, self), -0.5)), 1 / Math.sqrt(2 * Math.PI));
      second = F.mul(pdf, F.rsub(F.mul(self, self), 2));
    }
    return {
      grad_output: F.geluBackward(grad, self, { approximate }),
      self: F.mul(F.mul(grad, grad_output), second),
    };
  },
  samples: (S) => [
    ...backwardSamples(S, 'gelu_backward'),
    ...backwardSamples(S, 'gelu_backward', [], { approximate: 'tanh' }),
    S.call('gelu_backward.grad_input', [S.randn([2, 3]), S.randn([2, 3])], { grad_input: S.randn([2, 3]) }),
    S.error('gelu_backward', [S.randn([3]), S.randn([3])], 'approximate argument must be either none or tanh', {
      approximate: 'x',
    }),
  ],
});
