import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'acos_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('acos.int', [3]),
  S.call('acos.int', [-2]),
  S.call('acos.float', [S.float(0.5)]),
  S.call('acos.float', [S.float(-2.25)]),
  S.call('acos.Scalar', [true]),
];

export const acos = defineOp({
  schemas: [
    'aten::acos(Tensor self) -> Tensor',
    'aten::acos.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::acos_(Tensor(a!) self) -> Tensor(a!)',
    'aten::acos.int(int a) -> float',
    'aten::acos.float(float a) -> float',
    'aten::acos.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('acos', unaryMathImpl('acos', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('acos', rules),
  derivative: (F, { grad, self }) => ({ self: F.neg(F.mul(grad, F.rsqrt(F.rsub(F.mul(self, self), 1)))) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'acos',
        inplace: true,
        out: true,
        low: -0.95,
        high: 0.95,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"acos_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
