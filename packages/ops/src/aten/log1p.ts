import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'log1p_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('log1p.int', [3]),
  S.call('log1p.int', [1]),
  S.call('log1p.float', [S.float(0.5)]),
  S.call('log1p.float', [S.float(2.25)]),
  S.call('log1p.Scalar', [true]),
];

export const log1p = defineOp({
  schemas: [
    'aten::log1p(Tensor self) -> Tensor',
    'aten::log1p.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::log1p_(Tensor(a!) self) -> Tensor(a!)',
    'aten::log1p.int(int a) -> float',
    'aten::log1p.float(float a) -> float',
    'aten::log1p.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('log1p', unaryMathImpl('log1p', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('log1p', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, F.add(self, 1)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'log1p',
        inplace: true,
        out: true,
        low: -0.9,
        high: 5,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"log1p_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
