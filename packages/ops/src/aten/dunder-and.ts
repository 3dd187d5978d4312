import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'bitwise_and_cpu' };

export const __and__ = defineOp({
  schemas: [
    'aten::__and__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__and__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__iand__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__iand__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_and', rules),
  meta: binaryMathMeta('bitwise_and', rules),
  nondifferentiable: 'integer output',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: '__and__.Tensor',
      scalar: '__and__.Scalar',
      inplace: '__iand__.Tensor',
      inplaceScalar: '__iand__.Scalar',
      errors: {
        float16: '"bitwise_and_cpu" not implemented for \'Half\'',
        bfloat16: '"bitwise_and_cpu" not implemented for \'BFloat16\'',
      },
      integral: true,
      floatResult: false,
    }),
    S.call('__and__.Tensor', [S.bools([2, 3]), S.bools([3])]),
  ],
});
