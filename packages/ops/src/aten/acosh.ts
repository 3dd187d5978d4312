import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'acosh_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('acosh.int', [3]),
  S.call('acosh.int', [1]),
  S.call('acosh.float', [S.float(0.5)]),
  S.call('acosh.float', [S.float(2.25)]),
  S.call('acosh.Scalar', [true]),
];

export const acosh = defineOp({
  schemas: [
    'aten::acosh(Tensor self) -> Tensor',
    'aten::acosh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::acosh_(Tensor(a!) self) -> Tensor(a!)',
    'aten::acosh.int(int a) -> float',
    'aten::acosh.float(float a) -> float',
    'aten::acosh.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('acosh', unaryMathImpl('acosh', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('acosh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.rsqrt(F.sub(F.mul(self, self), 1))) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'acosh',
        inplace: true,
        out: true,
        low: 1.1,
        high: 4,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"acosh_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
