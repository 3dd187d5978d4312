import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('isnan.float', [S.float(0.5)]),
  S.call('isnan.float', [S.float(-2.25)]),
];

export const isnan = defineOp({
  schemas: [
    'aten::isnan(Tensor self) -> Tensor',
    'aten::isnan.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::isnan.float(float a) -> bool',
  ],
  impl: withScalarMath('isnan', unaryMathImpl('isnan'), ['float']),
  meta: unaryMathMeta('isnan'),
  nondifferentiable: 'integer or bool output',
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'isnan',
        out: true,
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      }),
    scalarSamples,
  ),
});
