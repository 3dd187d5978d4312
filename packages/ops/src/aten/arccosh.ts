import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'acosh_cpu', noHalf: true };

export const arccosh = defineOp({
  schemas: [
    'aten::arccosh(Tensor self) -> Tensor',
    'aten::arccosh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::arccosh_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('acosh', rules),
  meta: unaryMathMeta('acosh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.rsqrt(F.sub(F.mul(self, self), 1))) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'arccosh',
      inplace: true,
      out: true,
      low: 1.1,
      high: 4,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"acosh_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
