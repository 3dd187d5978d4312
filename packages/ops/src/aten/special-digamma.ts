import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'digamma', noHalf: true };

export const specialDigamma = defineOp({
  schemas: [
    'aten::special_digamma(Tensor self) -> Tensor',
    'aten::special_digamma.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('digamma', rules),
  meta: unaryMathMeta('digamma', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.polygamma(1, self)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'special_digamma',
      out: true,
      low: 0.1,
      high: 5,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"digamma" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
