import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'trunc_vml_cpu', noHalf: true, noBool: true };

export const trunc = defineOp({
  schemas: [
    'aten::trunc(Tensor self) -> Tensor',
    'aten::trunc.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::trunc_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': unaryMathImpl('trunc', rules), 'trunc.out': sameDtypeOutImpl(unaryMathImpl('trunc', rules)) },
  meta: unaryMathMeta('trunc', rules),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'trunc',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
      errors: {
        float16: '"trunc_vml_cpu" not implemented for \'Half\'',
        bool: '"trunc_vml_cpu" not implemented for \'Bool\'',
      },
      outSameDtype: true,
    }),
});
