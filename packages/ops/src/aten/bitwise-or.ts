import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'bitwise_or_cpu' };

export const bitwiseOr = defineOp({
  schemas: [
    'aten::bitwise_or.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::bitwise_or.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::bitwise_or.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_or.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_or.Scalar_Tensor(Scalar self, Tensor other) -> Tensor',
    'aten::bitwise_or.Scalar_Tensor_out(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_or_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::bitwise_or_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_or', rules),
  meta: binaryMathMeta('bitwise_or', rules),
  nondifferentiable: 'integer output',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'bitwise_or.Tensor',
      scalar: 'bitwise_or.Scalar',
      scalarTensor: 'bitwise_or.Scalar_Tensor',
      inplace: 'bitwise_or_.Tensor',
      inplaceScalar: 'bitwise_or_.Scalar',
      out: 'bitwise_or.Tensor_out',
      scalarOut: 'bitwise_or.Scalar_out',
      scalarTensorOut: 'bitwise_or.Scalar_Tensor_out',
      errors: {
        float16: '"bitwise_or_cpu" not implemented for \'Half\'',
        bfloat16: '"bitwise_or_cpu" not implemented for \'BFloat16\'',
      },
      integral: true,
      floatResult: false,
    }),
    S.call('bitwise_or.Tensor', [S.bools([2, 3]), S.bools([3])]),
  ],
});
