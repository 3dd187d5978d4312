import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'rshift_cpu' };

export const bitwiseRightShift = defineOp({
  schemas: [
    'aten::bitwise_right_shift.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::bitwise_right_shift.Tensor_Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::bitwise_right_shift.Scalar_Tensor(Scalar self, Tensor other) -> Tensor',
    'aten::bitwise_right_shift.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_right_shift.Tensor_Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_right_shift.Scalar_Tensor_out(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_right_shift_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::bitwise_right_shift_.Tensor_Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_right_shift', rules),
  meta: binaryMathMeta('bitwise_right_shift', rules),
  nondifferentiable: 'integer output',
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: 'bitwise_right_shift.Tensor',
      scalar: 'bitwise_right_shift.Tensor_Scalar',
      scalarTensor: 'bitwise_right_shift.Scalar_Tensor',
      inplace: 'bitwise_right_shift_.Tensor',
      inplaceScalar: 'bitwise_right_shift_.Tensor_Scalar',
      out: 'bitwise_right_shift.Tensor_out',
      scalarOut: 'bitwise_right_shift.Tensor_Scalar_out',
      scalarTensorOut: 'bitwise_right_shift.Scalar_Tensor_out',
      errors: {
        float16: '"rshift_cpu" not implemented for \'Half\'',
        bfloat16: '"rshift_cpu" not implemented for \'BFloat16\'',
        bool: '"rshift_cpu" not implemented for \'Bool\'',
      },
      integral: true,
      low: 0,
      high: 7,
      floatResult: false,
    }),
});
