import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const isfinite = defineOp({
  schemas: ['aten::isfinite(Tensor self) -> Tensor'],
  impl: unaryMathImpl('isfinite'),
  meta: unaryMathMeta('isfinite'),
  nondifferentiable: 'integer or bool output',
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'isfinite',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
    }),
});
