import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';

const { impl, meta } = backwardImpl('hardswish_backward_cpu', (c, g, x) =>
  c.where(c.cmp('lt', x, -3), 0, c.where(c.cmp('le', x, 3), c.mul(g, c.add(c.div(x, 3), 0.5)), g)),
);

export const hardswishBackward = defineOp({
  schemas: [
    'aten::hardswish_backward(Tensor grad_output, Tensor self) -> Tensor',
    'aten::hardswish_backward.out(Tensor grad_output, Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, grad_output, self }) => ({
    grad_output: F.hardswishBackward(grad, self),
    // f'' = 1/3 on (-3, 3), 0 elsewhere
    self: F.where(F.logicalAnd(F.gt(self, -3), F.lt(self, 3)), F.div(F.mul(grad, grad_output), 3), F.zerosLike(grad)),
  }),
  samples: (S) => [
    ...backwardSamples(S, 'hardswish_backward', [], undefined, { low: -5, high: 5 }),
    S.call('hardswish_backward', [S.randn([5]), S.of([-4, -3, 0, 3, 4])]),
    S.call('hardswish_backward.out', [S.randn([2, 3]), S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
