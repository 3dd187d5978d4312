import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'floor_vml_cpu', noHalf: true, noBool: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('floor.int', [3]),
  S.call('floor.int', [-2]),
  S.call('floor.float', [S.float(0.5)]),
  S.call('floor.float', [S.float(-2.25)]),
  S.call('floor.Scalar', [true]),
  S.error('floor.float', [S.float(Number.NaN)], 'Cannot convert float nan to integer'),
];

export const floor = defineOp({
  schemas: [
    'aten::floor(Tensor self) -> Tensor',
    'aten::floor.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::floor_(Tensor(a!) self) -> Tensor(a!)',
    'aten::floor.int(int a) -> int',
    'aten::floor.float(float a) -> int',
    'aten::floor.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath(
    'floor',
    { '': unaryMathImpl('floor', rules), 'floor.out': sameDtypeOutImpl(unaryMathImpl('floor', rules)) },
    ['int', 'float', 'Scalar'],
  ),
  meta: unaryMathMeta('floor', rules),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'floor',
        inplace: true,
        out: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
        errors: {
          float16: '"floor_vml_cpu" not implemented for \'Half\'',
          bool: '"floor_vml_cpu" not implemented for \'Bool\'',
        },
        outSameDtype: true,
      }),
    scalarSamples,
  ),
});
