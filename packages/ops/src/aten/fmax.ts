import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = {};

export const fmax = defineOp({
  schemas: [
    'aten::fmax(Tensor self, Tensor other) -> Tensor',
    'aten::fmax.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('fmax', rules),
  meta: binaryMathMeta('fmax', rules),
  derivative: (F, { grad, self, other }) => {
    const keep = F.logicalOr(F.ge(self, other), F.isnan(other));
    return {
      self: F.sumTo(F.where(keep, grad, 0), F.sizes(self)),
      other: F.sumTo(F.where(keep, 0, grad), F.sizes(other)),
    };
  },
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: 'fmax',
      out: 'fmax.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
});
