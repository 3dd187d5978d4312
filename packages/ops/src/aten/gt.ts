import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { boolResult: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('gt.int', [7, -6]),
  S.call('gt.int', [-6, 2]),
  S.call('gt.int', [-9, 4]),
  S.call('gt.int_float', [7, S.float(-1.5)]),
  S.call('gt.int_float', [-6, S.float(0.75)]),
  S.call('gt.float_int', [S.float(2.5), -6]),
  S.call('gt.float_int', [S.float(-1.5), 2]),
  S.call('gt.float', [S.float(2.5), S.float(-1.5)]),
  S.call('gt.float', [S.float(-1.5), S.float(0.75)]),
  S.call('gt.str', ['abc', 'abd']),
  S.call('gt.str', ['abd', '']),
  S.call('gt', [true, 3]),
  S.call('gt.Scalar', [S.of([0, 1, 255], [3], 'uint8'), 256]),
];

export const gt = defineOp({
  schemas: [
    'aten::gt.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::gt.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::gt.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::gt.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::gt_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::gt_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::gt.int(int a, int b) -> bool',
    'aten::gt.int_float(int a, float b) -> bool',
    'aten::gt.float_int(float a, int b) -> bool',
    'aten::gt.float(float a, float b) -> bool',
    'aten::gt.str(str a, str b) -> bool',
    'aten::gt(Scalar a, Scalar b) -> bool',
  ],
  impl: withScalarMath('gt', binaryMathImpl('gt', rules), ['int', 'int_float', 'float_int', 'float', 'str', '']),
  meta: binaryMathMeta('gt', rules),
  nondifferentiable: 'comparison',
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: 'gt.Tensor',
        scalar: 'gt.Scalar',
        inplace: 'gt_.Tensor',
        inplaceScalar: 'gt_.Scalar',
        out: 'gt.Tensor_out',
        scalarOut: 'gt.Scalar_out',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
        floatResult: false,
      }),
      S.call('gt.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
      S.call('gt.Scalar', [S.ints([2, 3]), S.float(1.5)]),
      S.call('gt.Tensor', [S.bools([2, 3]), S.bools([3])]),
      S.call('gt_.Tensor', [S.ints([2, 3]), S.randn([3])]),
    ],
    scalarSamples,
  ),
});
