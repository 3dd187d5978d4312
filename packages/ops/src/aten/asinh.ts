import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'asinh_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('asinh.int', [3]),
  S.call('asinh.int', [-2]),
  S.call('asinh.float', [S.float(0.5)]),
  S.call('asinh.float', [S.float(-2.25)]),
  S.call('asinh.Scalar', [true]),
];

export const asinh = defineOp({
  schemas: [
    'aten::asinh(Tensor self) -> Tensor',
    'aten::asinh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::asinh_(Tensor(a!) self) -> Tensor(a!)',
    'aten::asinh.int(int a) -> float',
    'aten::asinh.float(float a) -> float',
    'aten::asinh.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('asinh', unaryMathImpl('asinh', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('asinh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.rsqrt(F.add(F.mul(self, self), 1))) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'asinh',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"asinh_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
