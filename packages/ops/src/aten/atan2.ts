import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { promoteIntToFloat: true, noHalf: true, kernelName: 'atan2_cpu' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('atan2.int', [7, -6]),
  S.call('atan2.int', [-6, 2]),
  S.call('atan2.int', [-9, 4]),
  S.call('atan2.int_float', [7, S.float(-1.5)]),
  S.call('atan2.int_float', [-6, S.float(0.75)]),
  S.call('atan2.float_int', [S.float(2.5), -6]),
  S.call('atan2.float_int', [S.float(-1.5), 2]),
  S.call('atan2.float', [S.float(2.5), S.float(-1.5)]),
  S.call('atan2.float', [S.float(-1.5), S.float(0.75)]),
  S.call('atan2.Scalar_Scalar', [true, 3]),
];

export const atan2 = defineOp({
  schemas: [
    'aten::atan2(Tensor self, Tensor other) -> Tensor',
    'aten::atan2.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::atan2_(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::atan2.int(int a, int b) -> float',
    'aten::atan2.int_float(int a, float b) -> float',
    'aten::atan2.float_int(float a, int b) -> float',
    'aten::atan2.float(float a, float b) -> float',
    'aten::atan2.Scalar_Scalar(Scalar a, Scalar b) -> float',
  ],
  impl: withScalarMath('atan2', binaryMathImpl('atan2', rules), [
    'int',
    'int_float',
    'float_int',
    'float',
    'Scalar_Scalar',
  ]),
  meta: binaryMathMeta('atan2', rules),
  derivative: (F, { grad, self, other }) => {
    const d = F.add(F.mul(self, self), F.mul(other, other));
    return {
      self: F.sumTo(F.div(F.mul(grad, other), d), F.sizes(self)),
      other: F.sumTo(F.div(F.mul(grad, F.neg(self)), d), F.sizes(other)),
    };
  },
  samples: withScalarSamples(
    (S) =>
      binaryFamilySamples(S, {
        tensor: 'atan2',
        inplace: 'atan2_',
        out: 'atan2.out',
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
        errors: { float16: '"atan2_cpu" not implemented for \'Half\'' },
      }),
    scalarSamples,
  ),
});
