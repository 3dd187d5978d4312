import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'asin_vml_cpu', noHalf: true };

export const arcsin = defineOp({
  schemas: [
    'aten::arcsin(Tensor self) -> Tensor',
    'aten::arcsin.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::arcsin_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('asin', rules),
  meta: unaryMathMeta('asin', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.rsqrt(F.rsub(F.mul(self, self), 1))) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'arcsin',
      inplace: true,
      out: true,
      low: -0.95,
      high: 0.95,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"asin_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
