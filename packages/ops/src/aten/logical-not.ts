import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const logicalNot = defineOp({
  schemas: [
    'aten::logical_not(Tensor self) -> Tensor',
    'aten::logical_not.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::logical_not_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('logical_not'),
  meta: unaryMathMeta('logical_not'),
  nondifferentiable: 'integer or bool output',
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'logical_not',
      inplace: true,
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
    }),
});
