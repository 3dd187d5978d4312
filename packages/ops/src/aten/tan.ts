import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'tan_vml_cpu', noHalf: true };

export const tan = defineOp({
  schemas: [
    'aten::tan(Tensor self) -> Tensor',
    'aten::tan.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::tan_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('tan', rules),
  meta: unaryMathMeta('tan', rules),
  derivative: (F, { grad, result }) => ({ self: F.mul(grad, F.add(F.mul(result, result), 1)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'tan',
      inplace: true,
      out: true,
      low: -1.4,
      high: 1.4,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"tan_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
