import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { promoteIntToFloat: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('copysign.int', [7, -6]),
  S.call('copysign.int', [-6, 2]),
  S.call('copysign.int', [-9, 4]),
  S.call('copysign.int_float', [7, S.float(-1.5)]),
  S.call('copysign.int_float', [-6, S.float(0.75)]),
  S.call('copysign.float_int', [S.float(2.5), -6]),
  S.call('copysign.float_int', [S.float(-1.5), 2]),
  S.call('copysign.float', [S.float(2.5), S.float(-1.5)]),
  S.call('copysign.float', [S.float(-1.5), S.float(0.75)]),
  S.call('copysign', [true, 3]),
];

export const copysign = defineOp({
  schemas: [
    'aten::copysign.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::copysign.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::copysign.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::copysign.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::copysign_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::copysign_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::copysign.int(int a, int b) -> float',
    'aten::copysign.int_float(int a, float b) -> float',
    'aten::copysign.float_int(float a, int b) -> float',
    'aten::copysign.float(float a, float b) -> float',
    'aten::copysign(Scalar a, Scalar b) -> float',
  ],
  impl: withScalarMath('copysign', binaryMathImpl('copysign', rules), ['int', 'int_float', 'float_int', 'float', '']),
  meta: binaryMathMeta('copysign', rules),
  derivative: (F, { grad, self, other, result }) => ({
    self: F.sumTo(F.mul(grad, F.where(F.eq(self, 0), 0, F.div(result, self))), F.sizes(self)),
    other: F.isTensor(other) ? F.zerosLike(other) : null,
  }),
  samples: withScalarSamples(
    (S) =>
      binaryFamilySamples(S, {
        tensor: 'copysign.Tensor',
        scalar: 'copysign.Scalar',
        inplace: 'copysign_.Tensor',
        inplaceScalar: 'copysign_.Scalar',
        out: 'copysign.out',
        scalarOut: 'copysign.Scalar_out',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      }),
    scalarSamples,
  ),
});
