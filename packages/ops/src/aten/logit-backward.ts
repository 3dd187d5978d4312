import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

// 1 / (x (1 - x)) inside the domain; outside it NaN without eps, 0 with eps (the clamp's gradient).
const { impl, meta } = backwardImpl('logit_backward_cpu', (c, g, x, a) => {
  const lo = a.eps == null ? 0 : num(a.eps);
  const hi = a.eps == null ? 1 : 1 - num(a.eps);
  const outside = a.eps == null ? Number.NaN : 0;
  const d = c.div(g, c.mul(x, c.sub(1, x)));
  return c.where(c.cmp('lt', x, lo), outside, c.where(c.cmp('gt', x, hi), outside, d));
});

export const logitBackward = defineOp({
  schemas: [
    'aten::logit_backward(Tensor grad_output, Tensor self, float? eps=None) -> Tensor',
    'aten::logit_backward.grad_input(Tensor grad_output, Tensor self, float? eps=None, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, grad_output, self, eps }) => {
    // f'' = (2x - 1) / (x (1 - x))^2 inside the domain
    const q = F.mul(self, F.rsub(self, 1));
    const second = F.div(F.sub(F.mul(self, 2), 1), F.mul(q, q));
    const lo = eps == null ? 0 : eps;
    const hi = eps == null ? 1 : 1 - eps;
    const inside = F.logicalAnd(F.ge(self, lo), F.le(self, hi));
    return {
      grad_output: F.logitBackward(grad, self, eps),
      self: F.where(inside, F.mul(F.mul(grad, grad_output), second), F.zerosLike(grad)),
    };
  },
  samples: (S) => [
    ...backwardSamples(S, 'logit_backward', [], undefined, { low: 0.01, high: 0.99 }),
    S.call('logit_backward', [S.randn([6]), S.of([-0.5, 0, 0.01, 0.5, 1, 1.5])]),
    S.call('logit_backward', [S.randn([6]), S.of([-0.5, 0, 0.01, 0.5, 1, 1.5]), S.float(0.1)]),
    S.call('logit_backward.grad_input', [S.randn([3]), S.of([0.2, 0.5, 0.7])], { grad_input: S.randn([3]) }),
  ],
});
