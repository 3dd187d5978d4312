import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'atan_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('atan.int', [3]),
  S.call('atan.int', [-2]),
  S.call('atan.float', [S.float(0.5)]),
  S.call('atan.float', [S.float(-2.25)]),
  S.call('atan.Scalar', [true]),
];

export const atan = defineOp({
  schemas: [
    'aten::atan(Tensor self) -> Tensor',
    'aten::atan.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::atan_(Tensor(a!) self) -> Tensor(a!)',
    'aten::atan.int(int a) -> float',
    'aten::atan.float(float a) -> float',
    'aten::atan.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('atan', unaryMathImpl('atan', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('atan', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, F.add(F.mul(self, self), 1)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'atan',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"atan_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
