import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'lgamma_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('lgamma.int', [3]),
  S.call('lgamma.int', [1]),
  S.call('lgamma.float', [S.float(0.5)]),
  S.call('lgamma.float', [S.float(2.25)]),
  S.call('lgamma.Scalar', [true]),
];

export const lgamma = defineOp({
  schemas: [
    'aten::lgamma(Tensor self) -> Tensor',
    'aten::lgamma.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::lgamma_(Tensor(a!) self) -> Tensor(a!)',
    'aten::lgamma.int(int a) -> float',
    'aten::lgamma.float(float a) -> float',
    'aten::lgamma.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('lgamma', unaryMathImpl('lgamma', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('lgamma', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.digamma(self)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'lgamma',
        inplace: true,
        out: true,
        low: 0.1,
        high: 5,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"lgamma_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
