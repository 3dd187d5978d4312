import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'atanh_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('atanh.int', [3]),
  S.call('atanh.int', [-2]),
  S.call('atanh.float', [S.float(0.5)]),
  S.call('atanh.float', [S.float(-2.25)]),
  S.call('atanh.Scalar', [true]),
];

export const atanh = defineOp({
  schemas: [
    'aten::atanh(Tensor self) -> Tensor',
    'aten::atanh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::atanh_(Tensor(a!) self) -> Tensor(a!)',
    'aten::atanh.int(int a) -> float',
    'aten::atanh.float(float a) -> float',
    'aten::atanh.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('atanh', unaryMathImpl('atanh', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('atanh', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, F.rsub(F.mul(self, self), 1)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'atanh',
        inplace: true,
        out: true,
        low: -0.95,
        high: 0.95,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"atanh_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
