import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'sqrt_vml_cpu', noHalf: true };

export const sqrt = defineOp({
  schemas: [
    'aten::sqrt(Tensor self) -> Tensor',
    'aten::sqrt.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sqrt_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('sqrt', rules),
  meta: unaryMathMeta('sqrt', rules),
  derivative: (F, { grad, result }) => ({ self: F.div(grad, F.mul(result, 2)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'sqrt',
      inplace: true,
      out: true,
      low: 0.1,
      high: 5,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"sqrt_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
