import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

const { impl, meta } = backwardImpl('hardtanh_backward_cpu', (c, g, x, a) =>
  c.where(c.cmp('le', x, num(a.min_val)), 0, c.where(c.cmp('ge', x, num(a.max_val)), 0, g)),
);

export const hardtanhBackward = defineOp({
  schemas: [
    'aten::hardtanh_backward(Tensor grad_output, Tensor self, Scalar min_val, Scalar max_val) -> Tensor',
    'aten::hardtanh_backward.grad_input(Tensor grad_output, Tensor self, Scalar min_val, Scalar max_val, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, grad_output, self, min_val, max_val }) => ({
    grad_output: F.sumTo(F.hardtanhBackward(grad, self, min_val, max_val), F.sizes(grad_output)),
    self: F.zerosLike(self),
  }),
  samples: (S) => [
    ...backwardSamples(S, 'hardtanh_backward', [-1, 1]),
    S.call('hardtanh_backward', [S.randn([5]), S.of([-1, 1, 0.5, -2, 2]), -1, S.float(1.5)]),
    S.call('hardtanh_backward', [S.randn([2, 3]), S.randn([3]), 0, 6]),
    S.call('hardtanh_backward.grad_input', [S.randn([2, 3]), S.randn([2, 3]), -1, 1], { grad_input: S.randn([2, 3]) }),
  ],
});
