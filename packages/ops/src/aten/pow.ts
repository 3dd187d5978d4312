import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import {
  binaryMathImpl,
  binaryMathMeta,
  powGradients,
  sameDtypeInplaceImpl,
  sameDtypeOutImpl,
} from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { power: true, kernelName: 'pow', otherName: 'exponent' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('pow.int', [3, -2]),
  S.call('pow.int', [-2, 2]),
  S.call('pow.int', [2, 10]),
  S.call('pow.int_to_int', [3, 4]),
  S.call('pow.int_to_int', [3, 50]),
  S.call('pow.int_to_int', [3, -1]),
  S.call('pow.int_float', [3, S.float(-1.5)]),
  S.call('pow.int_float', [-2, S.float(0.75)]),
  S.call('pow.float_int', [S.float(2.5), -2]),
  S.call('pow.float_int', [S.float(-1.5), 2]),
  S.call('pow.float', [S.float(2.5), S.float(-1.5)]),
  S.call('pow.float', [S.float(-1.5), S.float(0.75)]),
  S.call('pow.Scalar_Scalar', [true, 2]),
  S.error('pow.float', [S.float(0), S.float(-1)], '0.0 cannot be raised to a negative power'),
];

export const pow = defineOp({
  schemas: [
    'aten::pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor',
    'aten::pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor',
    'aten::pow.Scalar(Scalar self, Tensor exponent) -> Tensor',
    'aten::pow.Scalar_out(Scalar self, Tensor exponent, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::pow.Tensor_Scalar_out(Tensor self, Scalar exponent, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::pow.Tensor_Tensor_out(Tensor self, Tensor exponent, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::pow_.Scalar(Tensor(a!) self, Scalar exponent) -> Tensor(a!)',
    'aten::pow_.Tensor(Tensor(a!) self, Tensor exponent) -> Tensor(a!)',
    'aten::pow.int(int a, int b) -> float',
    'aten::pow.int_to_int(int a, int b) -> int',
    'aten::pow.int_float(int a, float b) -> float',
    'aten::pow.float_int(float a, int b) -> float',
    'aten::pow.float(float a, float b) -> float',
    'aten::pow.Scalar_Scalar(Scalar a, Scalar b) -> float',
  ],
  impl: withScalarMath(
    'pow',
    {
      '': binaryMathImpl('pow', rules),
      Tensor_Tensor: binaryMathImpl('pow', rules),
      Tensor_Scalar: binaryMathImpl('pow', rules),
      Scalar: binaryMathImpl('pow', rules),
      // PyTorch's Tensor_Scalar kernel does not cast into out / self.
      'pow.Tensor_Scalar_out': sameDtypeOutImpl(binaryMathImpl('pow', rules)),
      'pow_.Scalar': sameDtypeInplaceImpl(binaryMathImpl('pow', rules)),
    },
    ['int', 'int_to_int', 'int_float', 'float_int', 'float', 'Scalar_Scalar'],
  ),
  meta: binaryMathMeta('pow', rules),
  derivative: (F, { grad, self, exponent, result }) => powGradients(F, grad, self, exponent, result),
  samples: withScalarSamples((S) => {
    const base = binaryFamilySamples(S, {
      tensor: 'pow.Tensor_Tensor',
      scalar: 'pow.Tensor_Scalar',
      scalarTensor: 'pow.Scalar',
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'uint8'],
      errors: { bool: '"pow" not implemented for \'Bool\'' },
      low: 0.5,
      high: 3,
    });
    return [
      ...base,
      S.call('pow.Tensor_Tensor', [S.randn([2, 3]), S.randn([3])]),
      S.call('pow.Tensor_Tensor', [
        S.of([2, 1, -1, 0, 3, -2], [6], 'int64'),
        S.of([-2, -2, -3, -1, 0, 3], [6], 'int64'),
      ]),
      S.call('pow.Tensor_Tensor', [S.of([0, 2, 3], [3], 'uint8'), S.of([-1, -1, 2], [3], 'int8')]),
      S.call('pow.Tensor_Tensor', [S.of([0, 0, 0, -2, 4]), S.of([0, -1, 2, 0.5, -0.5])]),
      S.call('pow.Tensor_Scalar', [S.randn([2, 3], 'transposed'), S.float(2)]),
      S.call('pow.Tensor_Scalar', [S.randn([2, 3]), 0]),
      S.call('pow.Tensor_Scalar', [S.randn([2, 3]), S.float(0.5)]),
      S.call('pow.Tensor_Scalar', [S.randn([2, 3]), -2]),
      S.call('pow.Tensor_Scalar', [S.bools([4]), 2]),
      S.call('pow.Tensor_Scalar', [S.ints([4]), 0]),
      S.call('pow.Tensor_Scalar', [S.ints([4], -3, 3, 'int32'), S.float(-1)]),
      S.error('pow.Tensor_Scalar', [S.ints([4]), -2], 'Integers to negative integer powers are not allowed.'),
      S.error('pow.Tensor_Scalar', [S.ints([], 1, 3), -1], 'Integers to negative integer powers are not allowed.'),
      S.call('pow.Tensor_Tensor', [S.ints([3]), S.of([-2], [], 'int64')]),
      S.call('pow.Scalar', [0, S.of([-1, 0, 2], [3], 'int64')]),
      S.call('pow.Scalar', [S.float(2.5), S.ints([2, 3])]),
      S.call('pow.Scalar', [2, S.randn([2, 3], 'strided')]),
      S.call('pow.Scalar_out', [2, S.randn([3])], { out: S.randn([3]) }),
      S.call('pow.Tensor_Scalar_out', [S.randn([3]), 3], { out: S.randn([0]) }),
      S.call('pow_.Scalar', [S.randn([2, 3], 'transposed'), 2]),
      S.error('pow_.Scalar', [S.ints([3]), S.float(0.5)], 'Found dtype Long but expected Float'),
      S.error(
        'pow_.Tensor',
        [S.ints([3]), S.randn([3])],
        "result type Float can't be cast to the desired output type Long",
      ),
      S.call('pow_.Tensor', [S.randn([3]), S.t([3], { dtype: 'float64' })]),
      S.call('pow_.Tensor', [S.ints([3], 0, 4), S.ints([3], 0, 3, 'int32')]),
      S.error('pow.Tensor_Scalar_out', [S.randn([3]), 2], 'Found dtype Double but expected Float', {
        out: S.t([3], { dtype: 'float64' }),
      }),
      S.call('pow.Tensor_Tensor_out', [S.randn([3]), S.randn([3])], { out: S.t([3], { dtype: 'float64' }) }),
      S.call('pow_.Tensor', [S.t([2, 3], { low: 0.5, high: 2 }), S.randn([3])]),
    ];
  }, scalarSamples),
});
