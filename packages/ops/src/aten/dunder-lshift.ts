import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'lshift_cpu' };

export const __lshift__ = defineOp({
  schemas: [
    'aten::__lshift__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__lshift__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__lshift__.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::__lshift__.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::__ilshift__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__ilshift__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_left_shift', rules),
  meta: binaryMathMeta('bitwise_left_shift', rules),
  nondifferentiable: 'integer output',
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: '__lshift__.Tensor',
      scalar: '__lshift__.Scalar',
      inplace: '__ilshift__.Tensor',
      inplaceScalar: '__ilshift__.Scalar',
      out: '__lshift__.Tensor_out',
      scalarOut: '__lshift__.Scalar_out',
      errors: {
        float16: '"lshift_cpu" not implemented for \'Half\'',
        bfloat16: '"lshift_cpu" not implemented for \'BFloat16\'',
        bool: '"lshift_cpu" not implemented for \'Bool\'',
      },
      integral: true,
      low: 0,
      high: 7,
      floatResult: false,
    }),
});
