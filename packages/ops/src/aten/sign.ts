import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const sign = defineOp({
  schemas: [
    'aten::sign(Tensor self) -> Tensor',
    'aten::sign.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sign_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': unaryMathImpl('sign'), 'sign.out': sameDtypeOutImpl(unaryMathImpl('sign')) },
  meta: unaryMathMeta('sign'),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'sign',
      inplace: true,
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      outSameDtype: true,
    }),
});
