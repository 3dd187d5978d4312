import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'frac_cpu', floatOnly: true, noBool: true };

export const frac = defineOp({
  schemas: [
    'aten::frac(Tensor self) -> Tensor',
    'aten::frac.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::frac_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': unaryMathImpl('frac', rules), 'frac.out': sameDtypeOutImpl(unaryMathImpl('frac', rules)) },
  meta: unaryMathMeta('frac', rules),
  derivative: (F, { grad }) => ({ self: grad }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'frac',
      inplace: true,
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16'],
      errors: {
        int64: '"frac_cpu" not implemented for \'Long\'',
        int32: '"frac_cpu" not implemented for \'Int\'',
        int8: '"frac_cpu" not implemented for \'Char\'',
        uint8: '"frac_cpu" not implemented for \'Byte\'',
        bool: '"frac_cpu" not implemented for \'Bool\'',
      },
      outSameDtype: true,
    }),
});
