import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';

const ALPHA = 1.6732632423543772;
const SCALE = 1.0507009873554805;

export const selu = defineOp({
  schemas: ['aten::selu(Tensor self) -> Tensor', 'aten::selu_(Tensor(a!) self) -> Tensor(a!)'],
  ...floatActivation('elu', 'elu_cpu', () => ({ alpha: ALPHA, scale: SCALE, inputScale: 1 })),
  derivative: (F, { grad, self }) => ({
    self: F.eluBackward(grad, 1.6732632423543772, 1.0507009873554805, 1, false, self),
  }),
  samples: (S) => [...activationSamples(S, 'selu', 'elu_cpu'), S.call('selu_', [S.randn([3, 2], 'transposed')])],
});
