import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'bitwise_xor_cpu' };

export const __xor__ = defineOp({
  schemas: [
    'aten::__xor__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__xor__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__ixor__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__ixor__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_xor', rules),
  meta: binaryMathMeta('bitwise_xor', rules),
  nondifferentiable: 'integer output',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: '__xor__.Tensor',
      scalar: '__xor__.Scalar',
      inplace: '__ixor__.Tensor',
      inplaceScalar: '__ixor__.Scalar',
      errors: {
        float16: '"bitwise_xor_cpu" not implemented for \'Half\'',
        bfloat16: '"bitwise_xor_cpu" not implemented for \'BFloat16\'',
      },
      integral: true,
      floatResult: false,
    }),
    S.call('__xor__.Tensor', [S.bools([2, 3]), S.bools([3])]),
  ],
});
