import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'expm1_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('expm1.int', [3]),
  S.call('expm1.int', [-2]),
  S.call('expm1.float', [S.float(0.5)]),
  S.call('expm1.float', [S.float(-2.25)]),
  S.call('expm1.Scalar', [true]),
];

export const expm1 = defineOp({
  schemas: [
    'aten::expm1(Tensor self) -> Tensor',
    'aten::expm1.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::expm1_(Tensor(a!) self) -> Tensor(a!)',
    'aten::expm1.int(int a) -> float',
    'aten::expm1.float(float a) -> float',
    'aten::expm1.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('expm1', unaryMathImpl('expm1', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('expm1', rules),
  derivative: (F, { grad, result }) => ({ self: F.mul(grad, F.add(result, 1)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'expm1',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"expm1_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
