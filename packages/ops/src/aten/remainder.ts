import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'remainder_cpu' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('remainder.int', [7, -6]),
  S.call('remainder.int', [-6, 2]),
  S.call('remainder.int', [-9, 4]),
  S.call('remainder.int_float', [7, S.float(-1.5)]),
  S.call('remainder.int_float', [-6, S.float(0.75)]),
  S.call('remainder.float_int', [S.float(2.5), -6]),
  S.call('remainder.float_int', [S.float(-1.5), 2]),
  S.call('remainder.float', [S.float(2.5), S.float(-1.5)]),
  S.call('remainder.float', [S.float(-1.5), S.float(0.75)]),
  S.call('remainder', [true, 3]),
  S.call('remainder.float', [S.float(-7.5), S.float(0)]),
];

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
    'aten::remainder.int(int a, int b) -> int',
    'aten::remainder.int_float(int a, float b) -> float',
    'aten::remainder.float_int(float a, int b) -> float',
    'aten::remainder.float(float a, float b) -> float',
    'aten::remainder(Scalar a, Scalar b) -> Scalar',
  ],
  impl: withScalarMath('remainder', binaryMathImpl('remainder', rules), ['int', 'int_float', 'float_int', 'float', '']),
  meta: binaryMathMeta('remainder', rules),
  derivative: (F, { grad, self, other }) => ({
    self: F.isTensor(self) ? F.sumTo(grad, F.sizes(self)) : null,
    other: F.isTensor(other)
      ? F.sumTo(
          F.mul(
            F.neg(grad),
            F.div(F.isTensor(self) ? self : F.fullLike(other, self), other, { rounding_mode: 'floor' }),
          ),
          F.sizes(other),
        )
      : null,
  }),
  samples: withScalarSamples(
    (S) => [
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
    scalarSamples,
  ),
});
