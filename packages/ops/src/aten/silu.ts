import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';

export const silu = defineOp({
  schemas: [
    'aten::silu(Tensor self) -> Tensor',
    'aten::silu.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::silu_(Tensor(a!) self) -> Tensor(a!)',
  ],
  ...floatActivation('silu', 'silu_cpu'),
  derivative: (F, { grad, self }) => ({ self: F.siluBackward(grad, self) }),
  samples: (S) => [
    ...activationSamples(S, 'silu', 'silu_cpu'),
    S.call('silu_', [S.randn([3, 2], 'transposed')]),
    S.call('silu.out', [S.randn([2, 3])], { out: S.randn([1]) }),
  ],
});
