import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';
import { floatUnaryInplaceInto } from '../groups/unary.js';

const rules = { kernelName: 'tanh_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('tanh.int', [3]),
  S.call('tanh.int', [-2]),
  S.call('tanh.float', [S.float(0.5)]),
  S.call('tanh.float', [S.float(-2.25)]),
  S.call('tanh.Scalar', [true]),
];

export const tanh = defineOp({
  schemas: [
    'aten::tanh(Tensor self) -> Tensor',
    'aten::tanh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::tanh_(Tensor(a!) self) -> Tensor(a!)',
    'aten::tanh.int(int a) -> float',
    'aten::tanh.float(float a) -> float',
    'aten::tanh.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath('tanh', unaryMathImpl('tanh', rules), ['int', 'float', 'Scalar']),
  meta: unaryMathMeta('tanh', rules),
  inplaceInto: floatUnaryInplaceInto('tanh'),
  derivative: (F, { grad, result }) => ({ self: F.tanhBackward(grad, result) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'tanh',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"tanh_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
