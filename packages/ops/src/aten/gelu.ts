import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { activationSamples, floatActivation } from '../groups/activation.js';

export function checkApproximate(approximate: string): 'none' | 'tanh' {
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new OpError('approximate argument must be either none or tanh.');
  }
  return approximate;
}

export const gelu = defineOp({
  schemas: [
    'aten::gelu(Tensor self, *, str approximate="none") -> Tensor',
    'aten::gelu.out(Tensor self, *, str approximate="none", Tensor(a!) out) -> Tensor(a!)',
    'aten::gelu_(Tensor(a!) self, *, str approximate="none") -> Tensor(a!)',
  ],
  impl: (args, ctx, o) => {
    const kernel = checkApproximate(args.approximate) === 'tanh' ? 'gelu_tanh' : 'gelu';
    return floatActivation(kernel, 'GeluKernelImpl').impl(args, ctx, o);
  },
  meta: floatActivation('gelu', 'GeluKernelImpl').meta,
  derivative: (F, { grad, self, approximate }) => ({ self: F.geluBackward(grad, self, { approximate }) }),
  samples: (S) => [
    ...activationSamples(S, 'gelu', 'GeluKernelImpl'),
    ...activationSamples(S, 'gelu', null, { approximate: 'tanh' }),
    S.call('gelu_', [S.randn([3, 2], 'transposed')], { approximate: 'tanh' }),
    S.call('gelu_', [S.randn([4])]),
    S.call('gelu.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
    S.error('gelu', [S.randn([3])], 'approximate argument must be either none or tanh', { approximate: 'erf' }),
  ],
});
