import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'expm1_vml_cpu', noHalf: true };

export const expm1 = defineOp({
  schemas: [
    'aten::expm1(Tensor self) -> Tensor',
    'aten::expm1.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::expm1_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('expm1', rules),
  meta: unaryMathMeta('expm1', rules),
  derivative: (F, { grad, result }) => ({ self: F.mul(grad, F.add(result, 1)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'expm1',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"expm1_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
