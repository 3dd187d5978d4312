import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'fmod_cpu' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('fmod.int', [7, -6]),
  S.call('fmod.int', [-6, 2]),
  S.call('fmod.int', [-9, 4]),
  S.call('fmod.int_float', [7, S.float(-1.5)]),
  S.call('fmod.int_float', [-6, S.float(0.75)]),
  S.call('fmod.float_int', [S.float(2.5), -6]),
  S.call('fmod.float_int', [S.float(-1.5), 2]),
  S.call('fmod.float', [S.float(2.5), S.float(-1.5)]),
  S.call('fmod.float', [S.float(-1.5), S.float(0.75)]),
  S.call('fmod', [true, 3]),
];

export const fmod = defineOp({
  schemas: [
    'aten::fmod.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::fmod.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::fmod.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::fmod.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::fmod_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::fmod_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::fmod.int(int a, int b) -> float',
    'aten::fmod.int_float(int a, float b) -> float',
    'aten::fmod.float_int(float a, int b) -> float',
    'aten::fmod.float(float a, float b) -> float',
    'aten::fmod(Scalar a, Scalar b) -> float',
  ],
  impl: withScalarMath('fmod', binaryMathImpl('fmod', rules), ['int', 'int_float', 'float_int', 'float', '']),
  meta: binaryMathMeta('fmod', rules),
  derivative: (F, { grad, self, other }) => ({
    self: F.isTensor(self) ? F.sumTo(grad, F.sizes(self)) : null,
    other: F.isTensor(other)
      ? F.sumTo(F.mul(F.neg(grad), F.div(self, other, { rounding_mode: 'trunc' })), F.sizes(other))
      : null,
  }),
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: 'fmod.Tensor',
        scalar: 'fmod.Scalar',
        inplace: 'fmod_.Tensor',
        inplaceScalar: 'fmod_.Scalar',
        out: 'fmod.Tensor_out',
        scalarOut: 'fmod.Scalar_out',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8'],
        errors: { bool: '"fmod_cpu" not implemented for \'Bool\'' },
        nonzeroOther: true,
        floatResult: false,
      }),
      S.error('fmod.Scalar', [S.ints([3]), 0], 'ZeroDivisionError'),
      S.call('fmod.Tensor', [S.ints([2, 4], -9, 9), S.ints([4], -4, -1)]),
    ],
    scalarSamples,
  ),
});
