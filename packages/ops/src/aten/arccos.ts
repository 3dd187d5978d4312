import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'acos_vml_cpu', noHalf: true };

export const arccos = defineOp({
  schemas: [
    'aten::arccos(Tensor self) -> Tensor',
    'aten::arccos.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::arccos_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('acos', rules),
  meta: unaryMathMeta('acos', rules),
  derivative: (F, { grad, self }) => ({ self: F.neg(F.mul(grad, F.rsqrt(F.rsub(F.mul(self, self), 1)))) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'arccos',
      inplace: true,
      out: true,
      low: -0.95,
      high: 0.95,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"acos_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
