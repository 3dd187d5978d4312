import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'asinh_cpu', noHalf: true };

export const arcsinh = defineOp({
  schemas: [
    'aten::arcsinh(Tensor self) -> Tensor',
    'aten::arcsinh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::arcsinh_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('asinh', rules),
  meta: unaryMathMeta('asinh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.rsqrt(F.add(F.mul(self, self), 1))) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'arcsinh',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"asinh_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
