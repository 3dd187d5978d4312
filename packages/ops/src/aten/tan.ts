import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'tan_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('tan.int', [3]),
  S.call('tan.int', [-2]),
  S.call('tan.float', [S.float(0.5)]),
  S.call('tan.float', [S.float(-2.25)]),
  S.call('tan.Scalar', [true]),
];

export const tan = defineOp({
  schemas: [
    'aten::tan(Tensor self) -> Tensor',
    'aten::tan.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::tan_(Tensor(a!) self) -> Tensor(a!)',
    'aten::tan.int(int a) -> float',
    'aten::tan.float(float a) -> float',
    'aten::tan.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('tan', unaryMathImpl('tan', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('tan', rules),
  derivative: (F, { grad, result }) => ({ self: F.mul(grad, F.add(F.mul(result, result), 1)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'tan',
        inplace: true,
        out: true,
        low: -1.4,
        high: 1.4,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"tan_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
