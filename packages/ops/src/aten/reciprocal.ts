import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const reciprocal = defineOp({
  schemas: [
    'aten::reciprocal(Tensor self) -> Tensor',
    'aten::reciprocal.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::reciprocal_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('reciprocal'),
  meta: unaryMathMeta('reciprocal'),
  derivative: (F, { grad, result }) => ({ self: F.mul(F.neg(grad), F.mul(result, result)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'reciprocal',
      inplace: true,
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      floatResult: true,
    }),
});
