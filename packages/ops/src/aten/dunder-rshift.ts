import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'rshift_cpu' };

export const __rshift__ = defineOp({
  schemas: [
    'aten::__rshift__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__rshift__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__rshift__.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::__rshift__.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::__irshift__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__irshift__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('bitwise_right_shift', rules),
  meta: binaryMathMeta('bitwise_right_shift', rules),
  nondifferentiable: 'integer output',
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: '__rshift__.Tensor',
      scalar: '__rshift__.Scalar',
      inplace: '__irshift__.Tensor',
      inplaceScalar: '__irshift__.Scalar',
      out: '__rshift__.Tensor_out',
      scalarOut: '__rshift__.Scalar_out',
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
