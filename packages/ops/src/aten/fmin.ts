import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = {};

export const fmin = defineOp({
  schemas: [
    'aten::fmin(Tensor self, Tensor other) -> Tensor',
    'aten::fmin.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('fmin', rules),
  meta: binaryMathMeta('fmin', rules),
  derivative: (F, { grad, self, other }) => {
    const keep = F.logicalOr(F.le(self, other), F.isnan(other));
    return {
      self: F.sumTo(F.where(keep, grad, 0), F.sizes(self)),
      other: F.sumTo(F.where(keep, 0, grad), F.sizes(other)),
    };
  },
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: 'fmin',
      out: 'fmin.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
});
