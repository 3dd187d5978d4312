import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'lgamma_vml_cpu', noHalf: true };

export const lgamma = defineOp({
  schemas: [
    'aten::lgamma(Tensor self) -> Tensor',
    'aten::lgamma.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::lgamma_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('lgamma', rules),
  meta: unaryMathMeta('lgamma', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.digamma(self)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'lgamma',
      inplace: true,
      out: true,
      low: 0.1,
      high: 5,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"lgamma_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
