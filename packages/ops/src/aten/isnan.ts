import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const isnan = defineOp({
  schemas: ['aten::isnan(Tensor self) -> Tensor', 'aten::isnan.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)'],
  impl: unaryMathImpl('isnan'),
  meta: unaryMathMeta('isnan'),
  nondifferentiable: 'integer or bool output',
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'isnan',
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
    }),
});
