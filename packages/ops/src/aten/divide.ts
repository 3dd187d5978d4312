import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = {};

export const divide = defineOp({
  schemas: [
    'aten::divide.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::divide.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::divide.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor',
    'aten::divide.Scalar_mode(Tensor self, Scalar other, *, str? rounding_mode) -> Tensor',
    'aten::divide.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::divide.out_mode(Tensor self, Tensor other, *, str? rounding_mode, Tensor(a!) out) -> Tensor(a!)',
    'aten::divide_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::divide_.Tensor_mode(Tensor(a!) self, Tensor other, *, str? rounding_mode) -> Tensor(a!)',
    'aten::divide_.Scalar_mode(Tensor(a!) self, Scalar other, *, str? rounding_mode) -> Tensor(a!)',
    'aten::divide_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
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
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'divide.Tensor',
      scalar: 'divide.Scalar',
      inplace: 'divide_.Tensor',
      inplaceScalar: 'divide_.Scalar',
      out: 'divide.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      nonzeroOther: true,
    }),
    S.call('divide.Tensor_mode', [S.ints([2, 3], -9, 9), S.ints([3], 1, 4)], { rounding_mode: 'floor' }),
    S.call('divide.Scalar_mode', [S.randn([2, 3]), 2], { rounding_mode: 'trunc' }),
    S.call('divide_.Scalar_mode', [S.randn([2, 3]), 2], { rounding_mode: 'floor' }),
    S.call('divide_.Tensor_mode', [S.randn([2, 3]), S.randn([3])], { rounding_mode: 'trunc' }),
    S.call('divide.out_mode', [S.randn([2, 3]), S.randn([3])], { rounding_mode: 'trunc', out: S.randn([2, 3]) }),
  ],
});
