import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'cosh_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('cosh.int', [3]),
  S.call('cosh.int', [-2]),
  S.call('cosh.float', [S.float(0.5)]),
  S.call('cosh.float', [S.float(-2.25)]),
  S.call('cosh.Scalar', [true]),
];

export const cosh = defineOp({
  schemas: [
    'aten::cosh(Tensor self) -> Tensor',
    'aten::cosh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::cosh_(Tensor(a!) self) -> Tensor(a!)',
    'aten::cosh.int(int a) -> float',
    'aten::cosh.float(float a) -> float',
    'aten::cosh.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('cosh', unaryMathImpl('cosh', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('cosh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.sinh(self)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'cosh',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"cosh_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
