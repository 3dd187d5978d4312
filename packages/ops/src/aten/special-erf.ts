import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'erf_vml_cpu', noHalf: true };

export const specialErf = defineOp({
  schemas: [
    'aten::special_erf(Tensor self) -> Tensor',
    'aten::special_erf.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('erf', rules),
  meta: unaryMathMeta('erf', rules),
  derivative: (F, { grad, self }) => ({
    self: F.mul(grad, F.mul(F.exp(F.neg(F.mul(self, self))), 2 / Math.sqrt(Math.PI))),
  }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'special_erf',
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"erf_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
