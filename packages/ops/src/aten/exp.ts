import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'exp_vml_cpu', noHalf: true };

export const exp = defineOp({
  schemas: [
    'aten::exp(Tensor self) -> Tensor',
    'aten::exp.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::exp_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('exp', rules),
  meta: unaryMathMeta('exp', rules),
  derivative: (F, { grad, result }) => ({ self: F.mul(grad, result) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'exp',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"exp_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
