import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'ceil_vml_cpu', noHalf: true, noBool: true };

export const ceil = defineOp({
  schemas: [
    'aten::ceil(Tensor self) -> Tensor',
    'aten::ceil.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ceil_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': unaryMathImpl('ceil', rules), 'ceil.out': sameDtypeOutImpl(unaryMathImpl('ceil', rules)) },
  meta: unaryMathMeta('ceil', rules),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'ceil',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
      errors: {
        float16: '"ceil_vml_cpu" not implemented for \'Half\'',
        bool: '"ceil_vml_cpu" not implemented for \'Bool\'',
      },
      outSameDtype: true,
    }),
});
