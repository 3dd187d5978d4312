import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

const { impl, meta } = backwardImpl(
  'hardshrink_backward_cpu',
  (c, g, x, a) => c.where(c.cmp('ge', x, -num(a.lambd)), c.where(c.cmp('le', x, num(a.lambd)), 0, g), g),
  'grad_out',
);

export const hardshrinkBackward = defineOp({
  schemas: [
    'aten::hardshrink_backward(Tensor grad_out, Tensor self, Scalar lambd) -> Tensor',
    'aten::hardshrink_backward.grad_input(Tensor grad_out, Tensor self, Scalar lambd, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, self, lambd }) => ({
    grad_out: F.hardshrinkBackward(grad, self, lambd),
    self: F.zerosLike(grad),
  }),
  samples: (S) => [
    ...backwardSamples(S, 'hardshrink_backward', [S.float(0.5)]),
    S.call('hardshrink_backward', [S.randn([4]), S.of([-0.5, 0.5, 0.6, -0.7]), S.float(0.5)]),
    S.call('hardshrink_backward.grad_input', [S.randn([3]), S.randn([3]), 1], { grad_input: S.randn([3]) }),
  ],
});
