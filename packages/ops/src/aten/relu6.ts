import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { unarySamples } from '../groups/samples.js';

export const relu6 = defineOp({
  schemas: ['aten::relu6(Tensor self) -> Tensor', 'aten::relu6_(Tensor(a!) self) -> Tensor(a!)'],
  // relu6 is hardtanh(0, 6), which also takes integer tensors.
  impl: (args, ctx) => {
    if (args.self.dtype === 'bool') throw new OpError('"clamp_cpu" not implemented for \'Bool\'');
    const out = ctx.empty(args.self.sizes, args.self.dtype);
    K.clamp(out, args.self, 0, 6);
    return out;
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, self }) => ({ self: F.hardtanhBackward(grad, self, 0, 6) }),
  samples: (S) => [
    ...unarySamples(S, { overload: 'relu6', low: -4, high: 9, dtypes: ['float64', 'int64', 'int32'] }),
    S.call('relu6', [S.of([-1, 0, 3, 6, 7])]),
    S.call('relu6_', [S.randn([3, 2], 'transposed')]),
  ],
});
