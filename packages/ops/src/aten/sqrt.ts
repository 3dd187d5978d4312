import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';
import { floatUnaryInplaceInto } from '../groups/unary.js';

const rules = { kernelName: 'sqrt_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('sqrt.int', [3]),
  S.call('sqrt.int', [1]),
  S.call('sqrt.float', [S.float(0.5)]),
  S.call('sqrt.float', [S.float(2.25)]),
  S.call('sqrt.Scalar', [true]),
];

export const sqrt = defineOp({
  schemas: [
    'aten::sqrt(Tensor self) -> Tensor',
    'aten::sqrt.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sqrt_(Tensor(a!) self) -> Tensor(a!)',
    'aten::sqrt.int(int a) -> float',
    'aten::sqrt.float(float a) -> float',
    'aten::sqrt.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('sqrt', unaryMathImpl('sqrt', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('sqrt', rules),
  inplaceInto: floatUnaryInplaceInto('sqrt'),
  derivative: (F, { grad, result }) => ({ self: F.div(grad, F.mul(result, 2)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'sqrt',
        inplace: true,
        out: true,
        low: 0.1,
        high: 5,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"sqrt_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
