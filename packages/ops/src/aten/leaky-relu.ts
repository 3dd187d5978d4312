import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

export const leakyRelu = defineOp({
  schemas: [
    'aten::leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor',
    'aten::leaky_relu.out(Tensor self, Scalar negative_slope=0.01, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::leaky_relu_(Tensor(a!) self, Scalar negative_slope=0.01) -> Tensor(a!)',
  ],
  ...floatActivation('leaky_relu', 'leaky_relu_cpu', (a) => ({ negativeSlope: num(a.negative_slope) })),
  derivative: (F, { grad, self, negative_slope }) => ({ self: F.leakyReluBackward(grad, self, negative_slope, false) }),
  samples: (S) => [
    ...activationSamples(S, 'leaky_relu', 'leaky_relu_cpu'),
    S.call('leaky_relu', [S.randn([2, 3]), S.float(0.2)]),
    S.call('leaky_relu', [S.randn([2, 3]), -2]),
    S.call('leaky_relu_', [S.randn([3, 2], 'transposed'), S.float(0.1)]),
    S.call('leaky_relu.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
