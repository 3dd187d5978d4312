import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'exp_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('exp.int', [3]),
  S.call('exp.int', [-2]),
  S.call('exp.float', [S.float(0.5)]),
  S.call('exp.float', [S.float(-2.25)]),
  S.call('exp.Scalar', [true]),
];

export const exp = defineOp({
  schemas: [
    'aten::exp(Tensor self) -> Tensor',
    'aten::exp.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::exp_(Tensor(a!) self) -> Tensor(a!)',
    'aten::exp.int(int a) -> float',
    'aten::exp.float(float a) -> float',
    'aten::exp.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('exp', unaryMathImpl('exp', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('exp', rules),
  derivative: (F, { grad, result }) => ({ self: F.mul(grad, result) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'exp',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"exp_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
