import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { promoteIntToFloat: true };

export const xlogy = defineOp({
  schemas: [
    'aten::xlogy.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::xlogy.Scalar_Other(Tensor self, Scalar other) -> Tensor',
    'aten::xlogy.Scalar_Self(Scalar self, Tensor other) -> Tensor',
    'aten::xlogy.OutTensor(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::xlogy.OutScalar_Self(Scalar self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::xlogy.OutScalar_Other(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::xlogy_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::xlogy_.Scalar_Other(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('xlogy', rules),
  meta: binaryMathMeta('xlogy', rules),
  derivative: (F, { grad, self, other }) => ({
    self: F.isTensor(self) ? F.sumTo(F.mul(grad, F.xlogy(F.ne(self, 0), other)), F.sizes(self)) : null,
    other: F.isTensor(other) ? F.sumTo(F.div(F.mul(grad, self), other), F.sizes(other)) : null,
  }),
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'xlogy.Tensor',
      scalar: 'xlogy.Scalar_Other',
      scalarTensor: 'xlogy.Scalar_Self',
      inplace: 'xlogy_.Tensor',
      inplaceScalar: 'xlogy_.Scalar_Other',
      out: 'xlogy.OutTensor',
      scalarOut: 'xlogy.OutScalar_Other',
      scalarTensorOut: 'xlogy.OutScalar_Self',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      low: 0,
      high: 4,
    }),
    S.call('xlogy.Tensor', [S.of([0, 0, 1, 2]), S.of([0, Number.NaN, 0, 3])]),
    S.call('xlogy.Scalar_Self', [0, S.of([0, Number.NaN, 2])]),
  ],
});
