import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { deviceCompare, tensorListCompare } from '../groups/py-compare.js';
import { PyDevice } from '../groups/py-values.js';
import { withScalarMath } from '../groups/scalar-math.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

const rules = { boolResult: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('ne.bool', [true, false]),
  S.call('ne.bool', [false, true]),
  S.call('ne.int', [7, -6]),
  S.call('ne.int', [-6, 2]),
  S.call('ne.int', [-9, 4]),
  S.call('ne.int_float', [7, S.float(-1.5)]),
  S.call('ne.int_float', [-6, S.float(0.75)]),
  S.call('ne.float_int', [S.float(2.5), -6]),
  S.call('ne.float_int', [S.float(-1.5), 2]),
  S.call('ne.float', [S.float(2.5), S.float(-1.5)]),
  S.call('ne.float', [S.float(-1.5), S.float(0.75)]),
  S.call('ne.str', ['abc', 'abd']),
  S.call('ne.str', ['abd', '']),
  S.call('ne', [true, 3]),
  S.call('ne.int_list', [
    [1, 2],
    [1, 2, 3],
  ]),
  S.call('ne.int_list', [[1, 2, 3], []]),
  S.call('ne.float_list', [[1.5, 2.5], [1.5]]),
  S.call('ne.float_list', [[1.5], [0.5, 2.5]]),
  S.call('ne.bool_list', [
    [true, false],
    [true, true],
  ]),
  S.call('ne.bool_list', [[true, true], [false]]),
  S.call('ne.str_list', [['a'], ['a', 'b']]),
  S.call('ne.str_list', [['a', 'b'], ['b']]),
];

export const ne = defineOp({
  schemas: [
    'aten::ne.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::ne.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::ne.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ne.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ne_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::ne_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::ne.bool(bool a, bool b) -> bool',
    'aten::ne.int(int a, int b) -> bool',
    'aten::ne.int_float(int a, float b) -> bool',
    'aten::ne.float_int(float a, int b) -> bool',
    'aten::ne.float(float a, float b) -> bool',
    'aten::ne.str(str a, str b) -> bool',
    'aten::ne(Scalar a, Scalar b) -> bool',
    'aten::ne.int_list(int[] a, int[] b) -> bool',
    'aten::ne.float_list(float[] a, float[] b) -> bool',
    'aten::ne.bool_list(bool[] a, bool[] b) -> bool',
    'aten::ne.str_list(str[] a, str[] b) -> bool',
    'aten::ne.device(Device a, Device b) -> bool',
    'aten::ne.Tensor_list(Tensor[] a, Tensor[] b) -> bool',
  ],
  impl: withBuiltins(
    withScalarMath('ne', binaryMathImpl('ne', rules), [
      'bool',
      'int',
      'int_float',
      'float_int',
      'float',
      'str',
      '',
      'int_list',
      'float_list',
      'bool_list',
      'str_list',
    ]),
    { 'ne.device': deviceCompare('ne'), 'ne.Tensor_list': tensorListCompare('ne') },
  ),
  meta: binaryMathMeta('ne', rules),
  nondifferentiable: 'comparison',
  samples: withBuiltinSamples(
    withScalarSamples(
      (S) => [
        ...binaryFamilySamples(S, {
          tensor: 'ne.Tensor',
          scalar: 'ne.Scalar',
          inplace: 'ne_.Tensor',
          inplaceScalar: 'ne_.Scalar',
          out: 'ne.Tensor_out',
          scalarOut: 'ne.Scalar_out',
          dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
          floatResult: false,
        }),
        S.call('ne.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
        S.call('ne.Scalar', [S.ints([2, 3]), S.float(1.5)]),
        S.call('ne.Tensor', [S.bools([2, 3]), S.bools([3])]),
        S.call('ne_.Tensor', [S.ints([2, 3]), S.randn([3])]),
      ],
      scalarSamples,
    ),
    (S) => [
      S.call('ne.device', [new PyDevice('cpu'), new PyDevice('cpu')]),
      S.call('ne.device', [new PyDevice('cpu'), new PyDevice('cuda:0')]),
      S.call('ne.Tensor_list', [[S.of([1])], [S.of([2])]]),
      S.call('ne.Tensor_list', [[S.of([1])], []]),
      S.error(
        'ne.Tensor_list',
        [[S.of([1, 2])], [S.of([1, 3])]],
        'Boolean value of Tensor with more than one value is ambiguous',
      ),
    ],
  ),
});
