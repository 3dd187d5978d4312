import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'ceil_vml_cpu', noHalf: true, noBool: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('ceil.int', [3]),
  S.call('ceil.int', [-2]),
  S.call('ceil.float', [S.float(0.5)]),
  S.call('ceil.float', [S.float(-2.25)]),
  S.call('ceil.Scalar', [true]),
  S.error('ceil.float', [S.float(Number.NaN)], 'Cannot convert float nan to integer'),
];

export const ceil = defineOp({
  schemas: [
    'aten::ceil(Tensor self) -> Tensor',
    'aten::ceil.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ceil_(Tensor(a!) self) -> Tensor(a!)',
    'aten::ceil.int(int a) -> int',
    'aten::ceil.float(float a) -> int',
    'aten::ceil.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath(
    'ceil',
    { '': unaryMathImpl('ceil', rules), 'ceil.out': sameDtypeOutImpl(unaryMathImpl('ceil', rules)) },
    ['int', 'float', 'Scalar'],
  ),
  meta: unaryMathMeta('ceil', rules),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'ceil',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
        errors: {
          float16: '"ceil_vml_cpu" not implemented for \'Half\'',
          bool: '"ceil_vml_cpu" not implemented for \'Bool\'',
        },
        outSameDtype: true,
      }),
    scalarSamples,
  ),
});
