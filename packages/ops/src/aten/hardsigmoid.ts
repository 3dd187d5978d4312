import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';

export const hardsigmoid = defineOp({
  schemas: [
    'aten::hardsigmoid(Tensor self) -> Tensor',
    'aten::hardsigmoid.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::hardsigmoid_(Tensor(a!) self) -> Tensor(a!)',
  ],
  ...floatActivation('hardsigmoid', 'hardsigmoid_cpu'),
  derivative: (F, { grad, self }) => ({ self: F.hardsigmoidBackward(grad, self) }),
  samples: (S) => [
    ...activationSamples(S, 'hardsigmoid', 'hardsigmoid_cpu', undefined, { low: -5, high: 5 }),
    S.call('hardsigmoid_', [S.randn([3, 2], 'transposed')]),
    S.call('hardsigmoid.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
