import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = {};

export const trueDivide = defineOp({
  schemas: [
    'aten::true_divide.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::true_divide.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::true_divide.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::true_divide_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::true_divide_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('div', rules),
  meta: binaryMathMeta('div', rules),
  derivative: (F, { grad, self, other, rounding_mode }) =>
    rounding_mode != null
      ? { self: F.zerosLike(self), other: F.isTensor(other) ? F.zerosLike(other) : null }
      : {
          self: F.sumTo(F.div(grad, other), F.sizes(self)),
          other: F.isTensor(other)
            ? F.sumTo(F.div(F.mul(F.neg(grad), self), F.mul(other, other)), F.sizes(other))
            : null,
        },
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: 'true_divide.Tensor',
      scalar: 'true_divide.Scalar',
      inplace: 'true_divide_.Tensor',
      inplaceScalar: 'true_divide_.Scalar',
      out: 'true_divide.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      nonzeroOther: true,
    }),
});
