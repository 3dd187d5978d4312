import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'cos_vml_cpu', noHalf: true };

export const cos = defineOp({
  schemas: [
    'aten::cos(Tensor self) -> Tensor',
    'aten::cos.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::cos_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('cos', rules),
  meta: unaryMathMeta('cos', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.neg(F.sin(self))) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'cos',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"cos_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
