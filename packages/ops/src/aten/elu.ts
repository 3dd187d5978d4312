import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

export const elu = defineOp({
  schemas: [
    'aten::elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor',
    'aten::elu.out(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::elu_(Tensor(a!) self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor(a!)',
  ],
  ...floatActivation('elu', 'elu_cpu', (a) => ({
    alpha: num(a.alpha),
    scale: num(a.scale),
    inputScale: num(a.input_scale),
  })),
  derivative: (F, { grad, self, alpha, scale, input_scale }) => ({
    self: F.eluBackward(grad, alpha, scale, input_scale, false, self),
  }),
  samples: (S) => [
    ...activationSamples(S, 'elu', 'elu_cpu'),
    S.call('elu', [S.randn([2, 3]), S.float(0.5), 2, S.float(1.5)]),
    S.call('elu_', [S.randn([3, 2], 'transposed'), 2]),
    S.call('elu.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
