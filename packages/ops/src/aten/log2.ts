import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'log2_vml_cpu', noHalf: true };

export const log2 = defineOp({
  schemas: [
    'aten::log2(Tensor self) -> Tensor',
    'aten::log2.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::log2_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('log2', rules),
  meta: unaryMathMeta('log2', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, F.mul(self, Math.LN2)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'log2',
      inplace: true,
      out: true,
      low: 0.1,
      high: 5,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"log2_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
