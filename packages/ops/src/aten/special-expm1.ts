import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'expm1_vml_cpu', noHalf: true };

export const specialExpm1 = defineOp({
  schemas: [
    'aten::special_expm1(Tensor self) -> Tensor',
    'aten::special_expm1.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('expm1', rules),
  meta: unaryMathMeta('expm1', rules),
  derivative: (F, { grad, result }) => ({ self: F.mul(grad, F.add(result, 1)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'special_expm1',
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"expm1_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
