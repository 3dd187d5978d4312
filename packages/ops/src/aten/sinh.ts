import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'sinh_cpu', noHalf: true };

export const sinh = defineOp({
  schemas: [
    'aten::sinh(Tensor self) -> Tensor',
    'aten::sinh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sinh_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('sinh', rules),
  meta: unaryMathMeta('sinh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.cosh(self)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'sinh',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"sinh_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
