import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'sinh_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('sinh.int', [3]),
  S.call('sinh.int', [-2]),
  S.call('sinh.float', [S.float(0.5)]),
  S.call('sinh.float', [S.float(-2.25)]),
  S.call('sinh.Scalar', [true]),
];

export const sinh = defineOp({
  schemas: [
    'aten::sinh(Tensor self) -> Tensor',
    'aten::sinh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sinh_(Tensor(a!) self) -> Tensor(a!)',
    'aten::sinh.int(int a) -> float',
    'aten::sinh.float(float a) -> float',
    'aten::sinh.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('sinh', unaryMathImpl('sinh', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('sinh', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.cosh(self)) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'sinh',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"sinh_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
