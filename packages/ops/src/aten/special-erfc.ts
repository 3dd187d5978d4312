import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'erfc_vml_cpu', noHalf: true };

export const specialErfc = defineOp({
  schemas: [
    'aten::special_erfc(Tensor self) -> Tensor',
    'aten::special_erfc.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('erfc', rules),
  meta: unaryMathMeta('erfc', rules),
  derivative: (F, { grad, self }) => ({
    self: F.mul(grad, F.mul(F.exp(F.neg(F.mul(self, self))), -2 / Math.sqrt(Math.PI))),
  }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'special_erfc',
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"erfc_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
