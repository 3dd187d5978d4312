import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { promoteIntToFloat: true, noHalf: true, kernelName: 'atan2_cpu' };

export const arctan2 = defineOp({
  schemas: [
    'aten::arctan2(Tensor self, Tensor other) -> Tensor',
    'aten::arctan2.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::arctan2_(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('atan2', rules),
  meta: binaryMathMeta('atan2', rules),
  derivative: (F, { grad, self, other }) => {
    const d = F.add(F.mul(self, self), F.mul(other, other));
    return {
      self: F.sumTo(F.div(F.mul(grad, other), d), F.sizes(self)),
      other: F.sumTo(F.div(F.mul(grad, F.neg(self)), d), F.sizes(other)),
    };
  },
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: 'arctan2',
      inplace: 'arctan2_',
      out: 'arctan2.out',
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      errors: { float16: '"atan2_cpu" not implemented for \'Half\'' },
    }),
});
