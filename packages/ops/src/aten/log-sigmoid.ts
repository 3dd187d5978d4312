import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';

export const logSigmoid = defineOp({
  schemas: [
    'aten::log_sigmoid(Tensor self) -> Tensor',
    'aten::log_sigmoid.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  ...floatActivation('logsigmoid', 'log_sigmoid_cpu'),
  derivative: (F, { grad, self }) => {
    const [, buffer] = F.logSigmoidForward(self);
    return { self: F.logSigmoidBackward(grad, self, buffer) };
  },
  samples: (S) => [
    ...activationSamples(S, 'log_sigmoid', 'log_sigmoid_cpu'),
    S.call('log_sigmoid', [S.of([-100, 100, 0])]),
    S.call('log_sigmoid.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
