import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'asin_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('asin.int', [3]),
  S.call('asin.int', [-2]),
  S.call('asin.float', [S.float(0.5)]),
  S.call('asin.float', [S.float(-2.25)]),
  S.call('asin.Scalar', [true]),
];

export const asin = defineOp({
  schemas: [
    'aten::asin(Tensor self) -> Tensor',
    'aten::asin.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::asin_(Tensor(a!) self) -> Tensor(a!)',
    'aten::asin.int(int a) -> float',
    'aten::asin.float(float a) -> float',
    'aten::asin.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('asin', unaryMathImpl('asin', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('asin', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.rsqrt(F.rsub(F.mul(self, self), 1))) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'asin',
        inplace: true,
        out: true,
        low: -0.95,
        high: 0.95,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"asin_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
