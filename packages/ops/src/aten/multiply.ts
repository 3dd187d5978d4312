import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = {};

export const multiply = defineOp({
  schemas: [
    'aten::multiply.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::multiply.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::multiply.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::multiply_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::multiply_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('mul', rules),
  meta: binaryMathMeta('mul', rules),
  derivative: (F, { grad, self, other }) => ({
    self: F.sumTo(F.mul(grad, other), F.sizes(self)),
    other: F.isTensor(other) ? F.sumTo(F.mul(grad, self), F.sizes(other)) : null,
  }),
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: 'multiply.Tensor',
      scalar: 'multiply.Scalar',
      inplace: 'multiply_.Tensor',
      inplaceScalar: 'multiply_.Scalar',
      out: 'multiply.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
});
