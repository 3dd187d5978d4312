import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'asinh_cpu', noHalf: true };

export const asinh = defineOp({
  schemas: [
    'aten::asinh(Tensor self) -> Tensor',
    'aten::asinh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::asinh_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('asinh', rules),
  meta: unaryMathMeta('asinh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.rsqrt(F.add(F.mul(self, self), 1))) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'asinh',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"asinh_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
