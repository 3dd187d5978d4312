import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { mutatingMeta, notImplemented } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const threshold = defineOp({
  schemas: [
    'aten::threshold(Tensor self, Scalar threshold, Scalar value) -> Tensor',
    'aten::threshold.out(Tensor self, Scalar threshold, Scalar value, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::threshold_(Tensor(a!) self, Scalar threshold, Scalar value) -> Tensor(a!)',
  ],
  // Computes in self's dtype: the scalars do not take part in type promotion.
  impl: (args, ctx) => {
    const self = args.self;
    if (self.dtype === 'bool' || self.dtype === 'float16') throw notImplemented('threshold_cpu', self.dtype);
    const out = ctx.empty(self.sizes, self.dtype);
    K.unary('threshold', out, self, { threshold: scalarToNumber(args.threshold), value: scalarToNumber(args.value) });
    return out;
  },
  meta: mutatingMeta((args) => ({ sizes: args.self.sizes, dtype: args.self.dtype })),
  derivative: (F, { grad, self, threshold }) => ({ self: F.thresholdBackward(grad, self, threshold) }),
  samples: (S) => [
    ...unaryFamilySamples(S, {
      name: 'threshold',
      dtypes: ['float64', 'int64', 'int32', 'uint8', 'bfloat16'],
      errors: {
        bool: '"threshold_cpu" not implemented for \'Bool\'',
        float16: '"threshold_cpu" not implemented for \'Half\'',
      },
      kwargs: { threshold: S.float(0.5), value: 2 },
      inplace: true,
      out: true,
    }),
    S.call('threshold', [S.ints([2, 3]), S.float(2.5), S.float(7.5)]),
    S.call('threshold', [S.randn([2, 3]), 0, 0]),
    S.call('threshold', [S.of([0, 1, 2, 3]), 1, 20]),
    S.call('threshold_', [S.ints([4], 0, 9, 'uint8'), 4, 100]),
  ],
});
