import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { noHalf: true, kernelName: 'hypot_cpu', floatOnly: true };

export const hypot = defineOp({
  schemas: [
    'aten::hypot(Tensor self, Tensor other) -> Tensor',
    'aten::hypot.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::hypot_(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('hypot', rules),
  meta: binaryMathMeta('hypot', rules),
  derivative: (F, { grad, self, other, result }) => ({
    self: F.sumTo(F.div(F.mul(grad, self), result), F.sizes(self)),
    other: F.sumTo(F.div(F.mul(grad, other), result), F.sizes(other)),
  }),
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: 'hypot',
      inplace: 'hypot_',
      out: 'hypot.out',
      dtypes: ['float64', 'bfloat16'],
      errors: {
        float16: '"hypot_cpu" not implemented for \'Half\'',
        int64: '"hypot_cpu" not implemented for \'Long\'',
        int32: '"hypot_cpu" not implemented for \'Int\'',
        uint8: '"hypot_cpu" not implemented for \'Byte\'',
        bool: '"hypot_cpu" not implemented for \'Bool\'',
      },
    }),
});
