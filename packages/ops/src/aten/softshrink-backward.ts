import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

const { impl, meta } = backwardImpl('softshrink_backward_cpu', (c, g, x, a) =>
  c.where(c.cmp('ge', x, -num(a.lambd)), c.where(c.cmp('le', x, num(a.lambd)), 0, g), g),
);

export const softshrinkBackward = defineOp({
  schemas: [
    'aten::softshrink_backward(Tensor grad_output, Tensor self, Scalar lambd) -> Tensor',
    'aten::softshrink_backward.grad_input(Tensor grad_output, Tensor self, Scalar lambd, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, self, lambd }) => ({
    grad_output: F.softshrinkBackward(grad, self, lambd),
    self: F.zerosLike(grad),
  }),
  samples: (S) => [
    ...backwardSamples(S, 'softshrink_backward', [S.float(0.5)]),
    S.call('softshrink_backward', [S.randn([4]), S.of([-0.5, 0.5, 0.6, -0.7]), S.float(0.5)]),
    S.call('softshrink_backward.grad_input', [S.randn([3]), S.randn([3]), 1], { grad_input: S.randn([3]) }),
  ],
});
