import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryImpl, binaryInplaceInto, binaryMeta } from '../groups/binary.js';
import { withScalarSamples } from '../groups/pointwise-samples.js';
import { listAdd } from '../groups/py-lists.js';
import { binarySamples } from '../groups/samples.js';
import { withScalarMath } from '../groups/scalar-math.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('add.int', [7, -6]),
  S.call('add.int', [-6, 2]),
  S.call('add.int', [-9, 4]),
  S.call('add.int_float', [7, S.float(-1.5)]),
  S.call('add.int_float', [-6, S.float(0.75)]),
  S.call('add.float_int', [S.float(2.5), -6]),
  S.call('add.float_int', [S.float(-1.5), 2]),
  S.call('add.float', [S.float(2.5), S.float(-1.5)]),
  S.call('add.float', [S.float(-1.5), S.float(0.75)]),
  S.call('add.str', ['abc', 'abd']),
  S.call('add.str', ['abd', '']),
  S.call('add', [true, 3]),
  S.call('add.Scalar', [S.of([0, 1, 255], [3], 'uint8'), 300]),
];

export const add = defineOp({
  schemas: [
    'aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor',
    'aten::add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor',
    'aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)',
    'aten::add_.Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)',
    'aten::add.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::add.int(int a, int b) -> int',
    'aten::add.int_float(int a, float b) -> float',
    'aten::add.float_int(float a, int b) -> float',
    'aten::add.float(float a, float b) -> float',
    'aten::add.str(str a, str b) -> str',
    'aten::add(Scalar a, Scalar b) -> Scalar',
    'aten::add.t(t[] a, t[] b) -> t[]',
  ],
  impl: withBuiltins(
    withScalarMath('add', binaryImpl('add', { alpha: true }), ['int', 'int_float', 'float_int', 'float', 'str', '']),
    { 'add.t': listAdd },
  ),
  meta: binaryMeta(),
  inplaceInto: binaryInplaceInto('add'),
  derivative: (F, { grad, self, other, alpha }) => ({
    self: F.sumTo(grad, F.sizes(self)),
    other: F.isTensor(other) ? F.sumTo(alpha === 1 ? grad : F.mul(grad, alpha), F.sizes(other)) : null,
  }),
  samples: withBuiltinSamples(
    withScalarSamples(
      (S) => [
        ...binarySamples(S, {
          tensor: 'add.Tensor',
          scalar: 'add.Scalar',
          dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'int8', 'float16'],
        }),
        S.call('add.Tensor', [S.randn([2, 3]), S.randn([3])], { alpha: 2 }),
        S.call('add.Tensor', [S.randn([2, 3]), S.randn([3])], { alpha: S.float(0.5) }),
        S.call('add.Tensor', [S.ints([3]), S.ints([3])], { alpha: -3 }),
        S.error('add.Tensor', [S.ints([3]), S.ints([3])], 'argument alpha must not be a floating point number', {
          alpha: S.float(0.5),
        }),
        S.call('add_.Tensor', [S.randn([2, 3]), S.randn([3])]),
        S.call('add_.Tensor', [S.randn([2, 3], 'transposed'), S.randn([2, 3])], { alpha: 2 }),
        S.call('add_.Scalar', [S.randn([4]), 2]),
        S.error(
          'add_.Tensor',
          [S.randn([3]), S.randn([2, 3])],
          "output with shape [3] doesn't match the broadcast shape [2, 3]",
        ),
        S.error(
          'add_.Tensor',
          [S.ints([3]), S.randn([3])],
          "result type Float can't be cast to the desired output type Long",
        ),
        S.call('add.out', [S.randn([2, 3]), S.randn([3])], { out: S.randn([2, 3]) }),
        S.call('add.out', [S.randn([2, 3]), S.randn([3])], { out: S.randn([0]) }),
      ],
      scalarSamples,
    ),
    (S) => [S.call('add.t', [[1, 2], [3]]), S.call('add.t', [[], []]), S.call('add.t', [['a'], ['b', 'c']])],
  ),
});
