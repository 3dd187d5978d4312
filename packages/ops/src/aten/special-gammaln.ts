import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'lgamma_vml_cpu', noHalf: true };

export const specialGammaln = defineOp({
  schemas: [
    'aten::special_gammaln(Tensor self) -> Tensor',
    'aten::special_gammaln.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('lgamma', rules),
  meta: unaryMathMeta('lgamma', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.digamma(self)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'special_gammaln',
      out: true,
      low: 0.1,
      high: 5,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"lgamma_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
