import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const exp2 = defineOp({
  schemas: [
    'aten::exp2(Tensor self) -> Tensor',
    'aten::exp2.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::exp2_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('exp2'),
  meta: unaryMathMeta('exp2'),
  derivative: (F, { grad, result }) => ({ self: F.mul(grad, F.mul(result, Math.LN2)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'exp2',
      inplace: true,
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      floatResult: true,
    }),
});
