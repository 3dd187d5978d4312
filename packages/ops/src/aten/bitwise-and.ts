import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'bitwise_and_cpu' };

export const bitwiseAnd = defineOp({
  schemas: [
    'aten::bitwise_and.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::bitwise_and.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::bitwise_and.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_and.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_and.Scalar_Tensor(Scalar self, Tensor other) -> Tensor',
    'aten::bitwise_and.Scalar_Tensor_out(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::bitwise_and_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::bitwise_and_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_and', rules),
  meta: binaryMathMeta('bitwise_and', rules),
  nondifferentiable: 'integer output',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'bitwise_and.Tensor',
      scalar: 'bitwise_and.Scalar',
      scalarTensor: 'bitwise_and.Scalar_Tensor',
      inplace: 'bitwise_and_.Tensor',
      inplaceScalar: 'bitwise_and_.Scalar',
      out: 'bitwise_and.Tensor_out',
      scalarOut: 'bitwise_and.Scalar_out',
      scalarTensorOut: 'bitwise_and.Scalar_Tensor_out',
      errors: {
        float16: '"bitwise_and_cpu" not implemented for \'Half\'',
        bfloat16: '"bitwise_and_cpu" not implemented for \'BFloat16\'',
      },
      integral: true,
      floatResult: false,
    }),
    S.call('bitwise_and.Tensor', [S.bools([2, 3]), S.bools([3])]),
  ],
});
