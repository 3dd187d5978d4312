import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

const { impl, meta } = backwardImpl('softplus_backward_cpu', (c, g, x, a) => {
  const bx = c.mul(x, num(a.beta));
  const z = c.un('exp', bx);
  return c.where(c.cmp('gt', bx, num(a.threshold)), g, c.div(c.mul(g, z), c.add(z, 1)));
});

export const softplusBackward = defineOp({
  schemas: [
    'aten::softplus_backward(Tensor grad_output, Tensor self, Scalar beta, Scalar threshold) -> Tensor',
    'aten::softplus_backward.grad_input(Tensor grad_output, Tensor self, Scalar beta, Scalar threshold, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, grad_output, self, beta, threshold }) => {
    // f'' = beta s (1 - s) with s = sigmoid(beta x), 0 above the threshold
    const bx = F.mul(self, beta);
    const s = F.sigmoid(bx);
    const second = F.mul(F.mul(s, F.rsub(s, 1)), beta);
    return {
      grad_output: F.softplusBackward(grad, self, beta, threshold),
      self: F.where(F.gt(bx, threshold), F.zerosLike(grad), F.mul(F.mul(grad, grad_output), second)),
    };
  },
  samples: (S) => [
    ...backwardSamples(S, 'softplus_backward', [1, 20]),
    S.call('softplus_backward', [S.randn([4]), S.of([-1, 0.5, 2, 3]), 2, 1]),
    S.call('softplus_backward.grad_input', [S.randn([3]), S.randn([3]), 1, 20], { grad_input: S.randn([3]) }),
  ],
});
