import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'cos_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('cos.int', [3]),
  S.call('cos.int', [-2]),
  S.call('cos.float', [S.float(0.5)]),
  S.call('cos.float', [S.float(-2.25)]),
  S.call('cos.Scalar', [true]),
];

export const cos = defineOp({
  schemas: [
    'aten::cos(Tensor self) -> Tensor',
    'aten::cos.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::cos_(Tensor(a!) self) -> Tensor(a!)',
    'aten::cos.int(int a) -> float',
    'aten::cos.float(float a) -> float',
    'aten::cos.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('cos', unaryMathImpl('cos', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('cos', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.neg(F.sin(self))) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'cos',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"cos_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
