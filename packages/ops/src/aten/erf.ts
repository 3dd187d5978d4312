import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'erf_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('erf.int', [3]),
  S.call('erf.int', [-2]),
  S.call('erf.float', [S.float(0.5)]),
  S.call('erf.float', [S.float(-2.25)]),
  S.call('erf.Scalar', [true]),
];

export const erf = defineOp({
  schemas: [
    'aten::erf(Tensor self) -> Tensor',
    'aten::erf.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::erf_(Tensor(a!) self) -> Tensor(a!)',
    'aten::erf.int(int a) -> float',
    'aten::erf.float(float a) -> float',
    'aten::erf.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('erf', unaryMathImpl('erf', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('erf', rules),
  derivative: (F, { grad, self }) => ({
    self: F.mul(grad, F.mul(F.exp(F.neg(F.mul(self, self))), 2 / Math.sqrt(Math.PI))),
  }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'erf',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"erf_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
