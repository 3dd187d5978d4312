import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'log_vml_cpu', noHalf: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('log.int', [3]),
  S.call('log.int', [1]),
  S.call('log.int_int', [7, -6]),
  S.call('log.int_int', [-6, 2]),
  S.call('log.int_float', [7, S.float(-1.5)]),
  S.call('log.int_float', [-6, S.float(0.75)]),
  S.call('log.float_int', [S.float(2.5), -6]),
  S.call('log.float_int', [S.float(-1.5), 2]),
  S.call('log.float', [S.float(0.5)]),
  S.call('log.float', [S.float(2.25)]),
  S.call('log.float_float', [S.float(2.5), S.float(-1.5)]),
  S.call('log.float_float', [S.float(-1.5), S.float(0.75)]),
  S.call('log.Scalar', [true]),
  S.call('log.Scalar_Scalar', [true, 3]),
];

export const log = defineOp({
  schemas: [
    'aten::log(Tensor self) -> Tensor',
    'aten::log.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::log_(Tensor(a!) self) -> Tensor(a!)',
    'aten::log.int(int a) -> float',
    'aten::log.int_int(int a, int b) -> float',
    'aten::log.int_float(int a, float b) -> float',
    'aten::log.float_int(float a, int b) -> float',
    'aten::log.float(float a) -> float',
    'aten::log.float_float(float a, float b) -> float',
    'aten::log.Scalar(Scalar a) -> Scalar',
    'aten::log.Scalar_Scalar(Scalar a, Scalar b) -> float',
  ],
  impl: withScalarMath('log', unaryMathImpl('log', rules), [
    'int',
    'int_int',
    'int_float',
    'float_int',
    'float',
    'float_float',
    'Scalar',
    'Scalar_Scalar',
  ]),
  meta: unaryMathMeta('log', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, self) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'log',
        inplace: true,
        out: true,
        low: 0.1,
        high: 5,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
        errors: { float16: '"log_vml_cpu" not implemented for \'Half\'' },
        floatResult: true,
      }),
    scalarSamples,
  ),
});
