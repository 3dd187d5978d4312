import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'remainder_cpu' };

export const remainder = defineOp({
  schemas: [
    'aten::remainder.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::remainder.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::remainder.Scalar_Tensor(Scalar self, Tensor other) -> Tensor',
    'aten::remainder.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::remainder.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::remainder.Scalar_Tensor_out(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::remainder_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::remainder_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('remainder', rules),
  meta: binaryMathMeta('remainder', rules),
  derivative: (F, { grad, self, other }) => ({
    self: F.isTensor(self) ? F.sumTo(grad, F.sizes(self)) : null,
    other: F.isTensor(other)
      ? F.sumTo(F.mul(F.neg(grad), F.div(self, other, { rounding_mode: 'floor' })), F.sizes(other))
      : null,
  }),
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'remainder.Tensor',
      scalar: 'remainder.Scalar',
      scalarTensor: 'remainder.Scalar_Tensor',
      inplace: 'remainder_.Tensor',
      inplaceScalar: 'remainder_.Scalar',
      out: 'remainder.Tensor_out',
      scalarOut: 'remainder.Scalar_out',
      scalarTensorOut: 'remainder.Scalar_Tensor_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8'],
      errors: { bool: '"remainder_cpu" not implemented for \'Bool\'' },
      nonzeroOther: true,
      floatResult: false,
    }),
    S.error('remainder.Tensor', [S.ints([3]), S.of([1, 0, 2], [3], 'int64')], 'ZeroDivisionError'),
    S.call('remainder.Tensor', [S.ints([2, 4], -9, 9), S.ints([4], -4, -1)]),
  ],
});
