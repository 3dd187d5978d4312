import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryImpl, binaryInplaceInto, binaryMeta } from '../groups/binary.js';
import { withScalarSamples } from '../groups/pointwise-samples.js';
import { listMulLeft, listMulRight } from '../groups/py-lists.js';
import { binarySamples } from '../groups/samples.js';
import { withScalarMath } from '../groups/scalar-math.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('mul.int', [7, -6]),
  S.call('mul.int', [-6, 2]),
  S.call('mul.int', [-9, 4]),
  S.call('mul.int_float', [7, S.float(-1.5)]),
  S.call('mul.int_float', [-6, S.float(0.75)]),
  S.call('mul.float_int', [S.float(2.5), -6]),
  S.call('mul.float_int', [S.float(-1.5), 2]),
  S.call('mul.float', [S.float(2.5), S.float(-1.5)]),
  S.call('mul.float', [S.float(-1.5), S.float(0.75)]),
  S.call('mul', [true, 3]),
  S.call('mul.Scalar', [S.of([0, 1, 255], [3], 'uint8'), -1]),
];

export const mul = defineOp({
  schemas: [
    'aten::mul.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::mul.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::mul_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::mul_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::mul.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::mul.int(int a, int b) -> int',
    'aten::mul.int_float(int a, float b) -> float',
    'aten::mul.float_int(float a, int b) -> float',
    'aten::mul.float(float a, float b) -> float',
    'aten::mul(Scalar a, Scalar b) -> Scalar',
    'aten::mul.left_t(t[] l, int n) -> t[]',
    'aten::mul.right_(int n, t[] l) -> t[]',
  ],
  impl: withBuiltins(withScalarMath('mul', binaryImpl('mul'), ['int', 'int_float', 'float_int', 'float', '']), {
    'mul.left_t': listMulLeft,
    'mul.right_': listMulRight,
  }),
  meta: binaryMeta(),
  inplaceInto: binaryInplaceInto('mul'),
  derivative: (F, { grad, self, other }) => ({
    self: F.sumTo(F.mul(grad, other), F.sizes(self)),
    other: F.isTensor(other) ? F.sumTo(F.mul(grad, self), F.sizes(other)) : null,
  }),
  samples: withBuiltinSamples(
    withScalarSamples(
      (S) => [
        ...binarySamples(S, {
          tensor: 'mul.Tensor',
          scalar: 'mul.Scalar',
          dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'bfloat16'],
        }),
        S.call('mul_.Tensor', [S.randn([2, 3]), S.randn([3])]),
        S.call('mul_.Scalar', [S.randn([2, 3], 'transposed'), S.float(-0.5)]),
        S.call('mul_.Scalar', [S.ints([4]), 3]),
        S.call('mul.out', [S.randn([2, 3]), S.randn([3])], { out: S.randn([2, 3]) }),
      ],
      scalarSamples,
    ),
    (S) => [
      S.call('mul.left_t', [[1, 2], 3]),
      S.call('mul.left_t', [[1, 2], 0]),
      S.error('mul.left_t', [['a'], -1], 'vector::reserve'),
      S.call('mul.right_', [2, [S.float(1), 2.5]]),
    ],
  ),
});
