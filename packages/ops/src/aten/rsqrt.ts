import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'rsqrt_cpu', noHalf: true };

export const rsqrt = defineOp({
  schemas: [
    'aten::rsqrt(Tensor self) -> Tensor',
    'aten::rsqrt.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::rsqrt_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('rsqrt', rules),
  meta: unaryMathMeta('rsqrt', rules),
  derivative: (F, { grad, result }) => ({ self: F.mul(F.mul(grad, F.pow(result, 3)), -0.5) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'rsqrt',
      inplace: true,
      out: true,
      low: 0.1,
      high: 5,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"rsqrt_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
