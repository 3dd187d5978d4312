import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'cosh_cpu', noHalf: true };

export const cosh = defineOp({
  schemas: [
    'aten::cosh(Tensor self) -> Tensor',
    'aten::cosh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::cosh_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('cosh', rules),
  meta: unaryMathMeta('cosh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.sinh(self)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'cosh',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"cosh_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
