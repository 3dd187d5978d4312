import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { activationSamples, floatActivation } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

export const celu = defineOp({
  schemas: [
    'aten::celu(Tensor self, Scalar alpha=1.) -> Tensor',
    'aten::celu.out(Tensor self, Scalar alpha=1., *, Tensor(a!) out) -> Tensor(a!)',
    'aten::celu_(Tensor(a!) self, Scalar alpha=1.) -> Tensor(a!)',
  ],
  // celu(x, a) = elu(x, alpha=a, scale=1, input_scale=1/a)
  ...floatActivation(
    'elu',
    'elu_cpu',
    (a) => ({ alpha: num(a.alpha), scale: 1, inputScale: 1 / num(a.alpha) }),
    (a) => {
      if (num(a.alpha) === 0) throw new OpError('ZeroDivisionError: alpha cannot be 0 for CELU');
    },
  ),
  derivative: (F, { grad, self, alpha }) => ({
    self: F.eluBackward(grad, alpha, 1, 1 / Number(alpha?.value ?? alpha), false, self),
  }),
  samples: (S) => [
    ...activationSamples(S, 'celu', 'elu_cpu'),
    S.call('celu', [S.randn([2, 3]), S.float(0.5)]),
    S.call('celu', [S.randn([2, 3]), 2]),
    S.call('celu_', [S.randn([3, 2], 'transposed'), S.float(1.5)]),
    S.call('celu.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
    S.error('celu', [S.randn([3]), 0], 'alpha cannot be 0 for CELU'),
  ],
});
