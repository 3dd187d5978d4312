import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'erfc_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('erfc.int', [3]),
  S.call('erfc.int', [-2]),
  S.call('erfc.float', [S.float(0.5)]),
  S.call('erfc.float', [S.float(-2.25)]),
  S.call('erfc.Scalar', [true]),
];

export const erfc = defineOp({
  schemas: [
    'aten::erfc(Tensor self) -> Tensor',
    'aten::erfc.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::erfc_(Tensor(a!) self) -> Tensor(a!)',
    'aten::erfc.int(int a) -> float',
    'aten::erfc.float(float a) -> float',
    'aten::erfc.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('erfc', unaryMathImpl('erfc', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('erfc', rules),
  derivative: (F, { grad, self }) => ({
    self: F.mul(grad, F.mul(F.exp(F.neg(F.mul(self, self))), -2 / Math.sqrt(Math.PI))),
  }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'erfc',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"erfc_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
