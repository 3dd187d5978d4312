import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'log1p_vml_cpu', noHalf: true };

export const specialLog1p = defineOp({
  schemas: [
    'aten::special_log1p(Tensor self) -> Tensor',
    'aten::special_log1p.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('log1p', rules),
  meta: unaryMathMeta('log1p', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, F.add(self, 1)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'special_log1p',
      out: true,
      low: -0.9,
      high: 5,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"log1p_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
