import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'sin_vml_cpu', noHalf: true };

export const sin = defineOp({
  schemas: [
    'aten::sin(Tensor self) -> Tensor',
    'aten::sin.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sin_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('sin', rules),
  meta: unaryMathMeta('sin', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.cos(self)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'sin',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"sin_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
