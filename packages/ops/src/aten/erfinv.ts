import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'erfinv_vml_cpu', noHalf: true };

export const erfinv = defineOp({
  schemas: [
    'aten::erfinv(Tensor self) -> Tensor',
    'aten::erfinv.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::erfinv_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('erfinv', rules),
  meta: unaryMathMeta('erfinv', rules),
  derivative: (F, { grad, result }) => ({
    self: F.mul(grad, F.mul(F.exp(F.mul(result, result)), Math.sqrt(Math.PI) / 2)),
  }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'erfinv',
      inplace: true,
      out: true,
      low: -0.95,
      high: 0.95,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"erfinv_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
