import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'atan_vml_cpu', noHalf: true };

export const arctan = defineOp({
  schemas: [
    'aten::arctan(Tensor self) -> Tensor',
    'aten::arctan.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::arctan_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('atan', rules),
  meta: unaryMathMeta('atan', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, F.add(F.mul(self, self), 1)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'arctan',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"atan_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
