import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { boolResult: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('lt.int', [7, -6]),
  S.call('lt.int', [-6, 2]),
  S.call('lt.int', [-9, 4]),
  S.call('lt.int_float', [7, S.float(-1.5)]),
  S.call('lt.int_float', [-6, S.float(0.75)]),
  S.call('lt.float_int', [S.float(2.5), -6]),
  S.call('lt.float_int', [S.float(-1.5), 2]),
  S.call('lt.float', [S.float(2.5), S.float(-1.5)]),
  S.call('lt.float', [S.float(-1.5), S.float(0.75)]),
  S.call('lt.str', ['abc', 'abd']),
  S.call('lt.str', ['abd', '']),
  S.call('lt', [true, 3]),
  S.call('lt.Scalar', [S.of([0, 1, 255], [3], 'uint8'), -1]),
];

export const lt = defineOp({
  schemas: [
    'aten::lt.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::lt.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::lt.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::lt.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::lt_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::lt_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::lt.int(int a, int b) -> bool',
    'aten::lt.int_float(int a, float b) -> bool',
    'aten::lt.float_int(float a, int b) -> bool',
    'aten::lt.float(float a, float b) -> bool',
    'aten::lt.str(str a, str b) -> bool',
    'aten::lt(Scalar a, Scalar b) -> bool',
  ],
  impl: withScalarMath('lt', binaryMathImpl('lt', rules), ['int', 'int_float', 'float_int', 'float', 'str', '']),
  meta: binaryMathMeta('lt', rules),
  nondifferentiable: 'comparison',
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: 'lt.Tensor',
        scalar: 'lt.Scalar',
        inplace: 'lt_.Tensor',
        inplaceScalar: 'lt_.Scalar',
        out: 'lt.Tensor_out',
        scalarOut: 'lt.Scalar_out',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
        floatResult: false,
      }),
      S.call('lt.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
      S.call('lt.Scalar', [S.ints([2, 3]), S.float(1.5)]),
      S.call('lt.Tensor', [S.bools([2, 3]), S.bools([3])]),
      S.call('lt_.Tensor', [S.ints([2, 3]), S.randn([3])]),
    ],
    scalarSamples,
  ),
});
