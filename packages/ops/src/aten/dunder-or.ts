import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'bitwise_or_cpu' };

export const __or__ = defineOp({
  schemas: [
    'aten::__or__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__or__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__ior__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__ior__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_or', rules),
  meta: binaryMathMeta('bitwise_or', rules),
  nondifferentiable: 'integer output',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: '__or__.Tensor',
      scalar: '__or__.Scalar',
      inplace: '__ior__.Tensor',
      inplaceScalar: '__ior__.Scalar',
      errors: {
        float16: '"bitwise_or_cpu" not implemented for \'Half\'',
        bfloat16: '"bitwise_or_cpu" not implemented for \'BFloat16\'',
      },
      integral: true,
      floatResult: false,
    }),
    S.call('__or__.Tensor', [S.bools([2, 3]), S.bools([3])]),
  ],
});
