import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

export const softplus = defineOp({
  schemas: [
    'aten::softplus(Tensor self, Scalar beta=1, Scalar threshold=20) -> Tensor',
    'aten::softplus.out(Tensor self, Scalar beta=1, Scalar threshold=20, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  ...floatActivation('softplus', 'softplus_cpu', (a) => ({ beta: num(a.beta), threshold: num(a.threshold) })),
  derivative: (F, { grad, self, beta, threshold }) => ({ self: F.softplusBackward(grad, self, beta, threshold) }),
  samples: (S) => [
    ...activationSamples(S, 'softplus', 'softplus_cpu'),
    S.call('softplus', [S.randn([2, 3]), 2, 1]),
    S.call('softplus', [S.of([-30, 25, 1]), S.float(0.5), 10]),
    S.call('softplus.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
