import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'floor_vml_cpu', noHalf: true, noBool: true };

export const floor = defineOp({
  schemas: [
    'aten::floor(Tensor self) -> Tensor',
    'aten::floor.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::floor_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': unaryMathImpl('floor', rules), 'floor.out': sameDtypeOutImpl(unaryMathImpl('floor', rules)) },
  meta: unaryMathMeta('floor', rules),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'floor',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
      errors: {
        float16: '"floor_vml_cpu" not implemented for \'Half\'',
        bool: '"floor_vml_cpu" not implemented for \'Bool\'',
      },
      outSameDtype: true,
    }),
});
