import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryInplaceInto } from '../groups/binary.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = {};

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('div.int', [7, -6]),
  S.call('div.int', [-6, 2]),
  S.call('div.int', [-9, 4]),
  S.call('div.float', [S.float(2.5), S.float(-1.5)]),
  S.call('div.float', [S.float(-1.5), S.float(0.75)]),
  S.call('div', [true, 3]),
  S.call('div.int', [1, 0]),
];

export const div = defineOp({
  schemas: [
    'aten::div.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::div.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor',
    'aten::div.Scalar_mode(Tensor self, Scalar other, *, str? rounding_mode) -> Tensor',
    'aten::div.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::div.out_mode(Tensor self, Tensor other, *, str? rounding_mode, Tensor(a!) out) -> Tensor(a!)',
    'aten::div.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::div.Scalar_mode_out(Tensor self, Scalar other, *, str? rounding_mode, Tensor(a!) out) -> Tensor(a!)',
    'aten::div_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::div_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::div_.Tensor_mode(Tensor(a!) self, Tensor other, *, str? rounding_mode) -> Tensor(a!)',
    'aten::div_.Scalar_mode(Tensor(a!) self, Scalar other, *, str? rounding_mode) -> Tensor(a!)',
    'aten::div.int(int a, int b) -> float',
    'aten::div.float(float a, float b) -> float',
    'aten::div(Scalar a, Scalar b) -> float',
  ],
  impl: withScalarMath('div', binaryMathImpl('div', rules), ['int', 'float', '']),
  meta: binaryMathMeta('div', rules),
  inplaceInto: binaryInplaceInto('div'),
  derivative: (F, { grad, self, other, rounding_mode }) =>
    rounding_mode != null
      ? { self: F.zerosLike(self), other: F.isTensor(other) ? F.zerosLike(other) : null }
      : {
          self: F.sumTo(F.div(grad, other), F.sizes(self)),
          other: F.isTensor(other)
            ? F.sumTo(F.div(F.mul(F.neg(grad), self), F.mul(other, other)), F.sizes(other))
            : null,
        },
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: 'div.Tensor',
        scalar: 'div.Scalar',
        inplace: 'div_.Tensor',
        inplaceScalar: 'div_.Scalar',
        out: 'div.out',
        scalarOut: 'div.Scalar_out',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
        nonzeroOther: true,
      }),
      S.call('div.Tensor_mode', [S.randn([2, 3]), S.randn([3])], { rounding_mode: 'floor' }),
      S.call('div.Tensor_mode', [S.randn([2, 3], 'transposed'), S.randn([2, 3])], { rounding_mode: 'trunc' }),
      S.call('div.Tensor_mode', [S.randn([2, 3]), S.randn([3])], { rounding_mode: null }),
      S.call('div.Tensor_mode', [S.ints([2, 3], -9, 9), S.ints([3], 1, 4)], { rounding_mode: 'floor' }),
      S.call('div.Tensor_mode', [S.ints([2, 3], -9, 9), S.ints([3], -4, -1)], { rounding_mode: 'trunc' }),
      S.call('div.Tensor_mode', [S.ints([2, 3], -9, 9), S.ints([3], 1, 4)], { rounding_mode: null }),
      S.call('div.Tensor_mode', [S.t([4], { dtype: 'uint8' }), S.t([4], { dtype: 'int8', low: 1, high: 4 })], {
        rounding_mode: 'floor',
      }),
      S.call('div.Scalar_mode', [S.ints([2, 3], -9, 9), -2], { rounding_mode: 'floor' }),
      S.call('div.Scalar_mode', [S.randn([2, 3]), S.float(0.7)], { rounding_mode: 'trunc' }),
      S.call('div.Tensor', [S.of([1, -1, 0, 2]), S.of([0, 0, 0, -0])]),
      S.error(
        'div.Tensor_mode',
        [S.randn([3]), S.randn([3])],
        "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'bad'",
        { rounding_mode: 'bad' },
      ),
      S.error('div.Tensor_mode', [S.ints([3]), S.of([1, 0, 2], [3], 'int64')], 'ZeroDivisionError', {
        rounding_mode: 'floor',
      }),
      S.error('div.Scalar_mode', [S.ints([3]), 0], 'ZeroDivisionError', { rounding_mode: 'trunc' }),
      S.call('div_.Tensor_mode', [S.ints([2, 3], -9, 9), S.ints([3], 1, 4)], { rounding_mode: 'floor' }),
      S.call('div_.Scalar_mode', [S.randn([4]), 2], { rounding_mode: 'trunc' }),
      S.error(
        'div_.Tensor',
        [S.ints([3]), S.ints([3], 1, 3)],
        "result type Float can't be cast to the desired output type Long",
      ),
      S.call('div.out_mode', [S.ints([2, 3], -9, 9), S.ints([3], 1, 4)], {
        rounding_mode: 'trunc',
        out: S.ints([2, 3]),
      }),
      S.call('div.Scalar_mode_out', [S.randn([2, 3]), 3], { rounding_mode: 'floor', out: S.randn([2, 3]) }),
    ],
    scalarSamples,
  ),
});
