import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('isfinite.float', [S.float(0.5)]),
  S.call('isfinite.float', [S.float(-2.25)]),
];

export const isfinite = defineOp({
  schemas: ['aten::isfinite(Tensor self) -> Tensor', 'aten::isfinite.float(float a) -> bool'],
  impl: withScalarMath('isfinite', unaryMathImpl('isfinite'), ['float']),
  meta: unaryMathMeta('isfinite'),
  nondifferentiable: 'integer or bool output',
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'isfinite',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      }),
    scalarSamples,
  ),
});
