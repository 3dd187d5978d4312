import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';

export const mish = defineOp({
  schemas: [
    'aten::mish(Tensor self) -> Tensor',
    'aten::mish.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::mish_(Tensor(a!) self) -> Tensor(a!)',
  ],
  ...floatActivation('mish', 'mish_cpu'),
  derivative: (F, { grad, self }) => ({ self: F.mishBackward(grad, self) }),
  samples: (S) => [
    ...activationSamples(S, 'mish', 'mish_cpu'),
    S.call('mish', [S.of([-30, -5, 25, 0])]),
    S.call('mish_', [S.randn([3, 2], 'transposed')]),
    S.call('mish.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
