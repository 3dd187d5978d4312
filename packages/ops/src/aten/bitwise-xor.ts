import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'bitwise_xor_cpu' };

export const bitwiseXor = defineOp({
  schemas: [
    'aten::bitwise_xor.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::bitwise_xor.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::bitwise_xor.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_xor.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_xor.Scalar_Tensor(Scalar self, Tensor other) -> Tensor',
    'aten::bitwise_xor.Scalar_Tensor_out(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_xor_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::bitwise_xor_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_xor', rules),
  meta: binaryMathMeta('bitwise_xor', rules),
  nondifferentiable: 'integer output',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'bitwise_xor.Tensor',
      scalar: 'bitwise_xor.Scalar',
      scalarTensor: 'bitwise_xor.Scalar_Tensor',
      inplace: 'bitwise_xor_.Tensor',
      inplaceScalar: 'bitwise_xor_.Scalar',
      out: 'bitwise_xor.Tensor_out',
      scalarOut: 'bitwise_xor.Scalar_out',
      scalarTensorOut: 'bitwise_xor.Scalar_Tensor_out',
      errors: {
        float16: '"bitwise_xor_cpu" not implemented for \'Half\'',
        bfloat16: '"bitwise_xor_cpu" not implemented for \'BFloat16\'',
      },
      integral: true,
      floatResult: false,
    }),
    S.call('bitwise_xor.Tensor', [S.bools([2, 3]), S.bools([3])]),
  ],
});
