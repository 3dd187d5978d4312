import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const isinf = defineOp({
  schemas: ['aten::isinf(Tensor self) -> Tensor', 'aten::isinf.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)'],
  impl: unaryMathImpl('isinf'),
  meta: unaryMathMeta('isinf'),
  nondifferentiable: 'integer or bool output',
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'isinf',
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
    }),
});
