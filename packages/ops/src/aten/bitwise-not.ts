import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'bitwise_not_cpu', noHalf: true };

export const bitwiseNot = defineOp({
  schemas: [
    'aten::bitwise_not(Tensor self) -> Tensor',
    'aten::bitwise_not.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_not_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: {
    '': unaryMathImpl('bitwise_not', rules),
    'bitwise_not.out': sameDtypeOutImpl(unaryMathImpl('bitwise_not', rules)),
  },
  meta: unaryMathMeta('bitwise_not', rules),
  nondifferentiable: 'integer or bool output',
  samples: (S) =>
    unaryFamilySamples(S, {
      baseDtype: 'int64',
      name: 'bitwise_not',
      inplace: true,
      out: true,
      dtypes: ['int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: {
        float64: '"bitwise_not_cpu" not implemented for \'Double\'',
        float16: '"bitwise_not_cpu" not implemented for \'Half\'',
        bfloat16: '"bitwise_not_cpu" not implemented for \'BFloat16\'',
      },
      outSameDtype: true,
    }),
});
