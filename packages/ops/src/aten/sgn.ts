import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const sgn = defineOp({
  schemas: [
    'aten::sgn(Tensor self) -> Tensor',
    'aten::sgn.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sgn_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': unaryMathImpl('sgn'), 'sgn.out': sameDtypeOutImpl(unaryMathImpl('sgn')) },
  meta: unaryMathMeta('sgn'),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'sgn',
      inplace: true,
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      outSameDtype: true,
    }),
});
