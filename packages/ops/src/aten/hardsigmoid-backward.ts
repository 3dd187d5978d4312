import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';

const { impl, meta } = backwardImpl('hardsigmoid_backward', (c, g, x) =>
  c.where(c.cmp('gt', x, -3), c.where(c.cmp('lt', x, 3), c.div(g, 6), 0), 0),
);

export const hardsigmoidBackward = defineOp({
  schemas: [
    'aten::hardsigmoid_backward(Tensor grad_output, Tensor self) -> Tensor',
    'aten::hardsigmoid_backward.grad_input(Tensor grad_output, Tensor self, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, self }) => ({ grad_output: F.hardsigmoidBackward(grad, self), self: F.zerosLike(grad) }),
  samples: (S) => [
    ...backwardSamples(S, 'hardsigmoid_backward', [], undefined, { low: -5, high: 5 }),
    S.call('hardsigmoid_backward', [S.randn([5]), S.of([-4, -3, 0, 3, 4])]),
    S.call('hardsigmoid_backward.grad_input', [S.randn([2, 3]), S.randn([2, 3])], { grad_input: S.randn([2, 3]) }),
  ],
});
