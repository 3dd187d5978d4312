import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { promoteIntToFloat: true, noHalf: true, kernelName: 'atan2_cpu' };

export const atan2 = defineOp({
  schemas: [
    'aten::atan2(Tensor self, Tensor other) -> Tensor',
    'aten::atan2.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::atan2_(Tensor(a!) self, Tensor other) -> Tensor(a!)',
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
      tensor: 'atan2',
      inplace: 'atan2_',
      out: 'atan2.out',
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      errors: { float16: '"atan2_cpu" not implemented for \'Half\'' },
    }),
});
