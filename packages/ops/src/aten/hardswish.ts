import { defineOp } from '../core/define-op.js';
import { activationSamples, floatActivation } from '../groups/activation.js';

export const hardswish = defineOp({
  schemas: [
    'aten::hardswish(Tensor self) -> Tensor',
    'aten::hardswish.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::hardswish_(Tensor(a!) self) -> Tensor(a!)',
  ],
  ...floatActivation('hardswish', 'hardswish_cpu'),
  derivative: (F, { grad, self }) => ({ self: F.hardswishBackward(grad, self) }),
  samples: (S) => [
    ...activationSamples(S, 'hardswish', 'hardswish_cpu', undefined, { low: -5, high: 5 }),
    S.call('hardswish_', [S.randn([3, 2], 'transposed')]),
    S.call('hardswish.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
