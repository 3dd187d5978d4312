import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'sin_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('sin.int', [3]),
  S.call('sin.int', [-2]),
  S.call('sin.float', [S.float(0.5)]),
  S.call('sin.float', [S.float(-2.25)]),
  S.call('sin.Scalar', [true]),
];

export const sin = defineOp({
  schemas: [
    'aten::sin(Tensor self) -> Tensor',
    'aten::sin.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sin_(Tensor(a!) self) -> Tensor(a!)',
    'aten::sin.int(int a) -> float',
    'aten::sin.float(float a) -> float',
    'aten::sin.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('sin', unaryMathImpl('sin', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('sin', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.cos(self)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'sin',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"sin_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
