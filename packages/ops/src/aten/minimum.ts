import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = {};

export const minimum = defineOp({
  schemas: [
    'aten::minimum(Tensor self, Tensor other) -> Tensor',
    'aten::minimum.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('minimum', rules),
  meta: binaryMathMeta('minimum', rules),
  derivative: (F, { grad, self, other }) => {
    const tie = F.eq(self, other);
    const half = F.div(grad, 2);
    return {
      self: F.sumTo(F.where(tie, half, F.where(F.lt(self, other), grad, 0)), F.sizes(self)),
      other: F.sumTo(F.where(tie, half, F.where(F.lt(other, self), grad, 0)), F.sizes(other)),
    };
  },
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'minimum',
      out: 'minimum.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('minimum', [S.of([1, 2, 3, 4]), S.of([1, 0, 3, 5])]),
  ],
});
