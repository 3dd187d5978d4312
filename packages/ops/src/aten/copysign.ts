import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { promoteIntToFloat: true };

export const copysign = defineOp({
  schemas: [
    'aten::copysign.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::copysign.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::copysign.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::copysign.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::copysign_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::copysign_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('copysign', rules),
  meta: binaryMathMeta('copysign', rules),
  derivative: (F, { grad, self, other, result }) => ({
    self: F.sumTo(F.mul(grad, F.where(F.eq(self, 0), 0, F.div(result, self))), F.sizes(self)),
    other: F.isTensor(other) ? F.zerosLike(other) : null,
  }),
  samples: (S) =>
    binaryFamilySamples(S, {
      tensor: 'copysign.Tensor',
      scalar: 'copysign.Scalar',
      inplace: 'copysign_.Tensor',
      inplaceScalar: 'copysign_.Scalar',
      out: 'copysign.out',
      scalarOut: 'copysign.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
    }),
});
