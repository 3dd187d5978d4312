import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'log10_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('log10.int', [3]),
  S.call('log10.int', [1]),
  S.call('log10.float', [S.float(0.5)]),
  S.call('log10.float', [S.float(2.25)]),
  S.call('log10.Scalar', [true]),
];

export const log10 = defineOp({
  schemas: [
    'aten::log10(Tensor self) -> Tensor',
    'aten::log10.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::log10_(Tensor(a!) self) -> Tensor(a!)',
    'aten::log10.int(int a) -> float',
    'aten::log10.float(float a) -> float',
    'aten::log10.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('log10', unaryMathImpl('log10', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('log10', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, F.mul(self, Math.LN10)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'log10',
        inplace: true,
        out: true,
        low: 0.1,
        high: 5,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"log10_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
