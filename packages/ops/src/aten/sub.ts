import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryInplaceInto } from '../groups/binary.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { subtraction: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('sub.int', [7, -6]),
  S.call('sub.int', [-6, 2]),
  S.call('sub.int', [-9, 4]),
  S.call('sub.int_float', [7, S.float(-1.5)]),
  S.call('sub.int_float', [-6, S.float(0.75)]),
  S.call('sub.float_int', [S.float(2.5), -6]),
  S.call('sub.float_int', [S.float(-1.5), 2]),
  S.call('sub.float', [S.float(2.5), S.float(-1.5)]),
  S.call('sub.float', [S.float(-1.5), S.float(0.75)]),
  S.call('sub', [true, 3]),
  S.call('sub.Scalar', [S.of([0, 1, 255], [3], 'uint8'), 1]),
];

export const sub = defineOp({
  schemas: [
    'aten::sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor',
    'aten::sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor',
    'aten::sub.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::sub.Scalar_out(Tensor self, Scalar other, Scalar alpha=1, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sub_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)',
    'aten::sub_.Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)',
    'aten::sub.int(int a, int b) -> int',
    'aten::sub.int_float(int a, float b) -> float',
    'aten::sub.float_int(float a, int b) -> float',
    'aten::sub.float(float a, float b) -> float',
    'aten::sub(Scalar a, Scalar b) -> Scalar',
  ],
  impl: withScalarMath('sub', binaryMathImpl('sub', rules), ['int', 'int_float', 'float_int', 'float', '']),
  meta: binaryMathMeta('sub', rules),
  inplaceInto: binaryInplaceInto('sub'),
  derivative: (F, { grad, self, other, alpha }) => ({
    self: F.sumTo(grad, F.sizes(self)),
    other: F.isTensor(other) ? F.sumTo(F.mul(F.neg(grad), alpha), F.sizes(other)) : null,
  }),
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: 'sub.Tensor',
        scalar: 'sub.Scalar',
        inplace: 'sub_.Tensor',
        inplaceScalar: 'sub_.Scalar',
        out: 'sub.out',
        scalarOut: 'sub.Scalar_out',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8'],
        errors: {
          bool: 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
        },
        floatResult: false,
      }),
      S.call('sub.Tensor', [S.randn([2, 3]), S.randn([3])], { alpha: 2 }),
      S.call('sub.Scalar', [S.ints([3]), 2, 3]),
      S.error('sub.Tensor', [S.ints([3]), S.ints([3])], 'must not be a floating point number', { alpha: S.float(0.5) }),
      S.error('sub.Tensor', [S.ints([3]), S.bools([3])], 'with a bool tensor is not supported'),
    ],
    scalarSamples,
  ),
});
