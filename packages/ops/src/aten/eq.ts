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
  S.call('eq.bool', [true, false]),
  S.call('eq.bool', [false, true]),
  S.call('eq.int', [7, -6]),
  S.call('eq.int', [-6, 2]),
  S.call('eq.int', [-9, 4]),
  S.call('eq.int_float', [7, S.float(-1.5)]),
  S.call('eq.int_float', [-6, S.float(0.75)]),
  S.call('eq.float_int', [S.float(2.5), -6]),
  S.call('eq.float_int', [S.float(-1.5), 2]),
  S.call('eq.float', [S.float(2.5), S.float(-1.5)]),
  S.call('eq.float', [S.float(-1.5), S.float(0.75)]),
  S.call('eq.str', ['abc', 'abd']),
  S.call('eq.str', ['abd', '']),
  S.call('eq', [true, 3]),
  S.call('eq.int_list', [
    [1, 2],
    [1, 2, 3],
  ]),
  S.call('eq.int_list', [[1, 2, 3], []]),
  S.call('eq.float_list', [[1.5, 2.5], [1.5]]),
  S.call('eq.float_list', [[1.5], [0.5, 2.5]]),
  S.call('eq.bool_list', [
    [true, false],
    [true, true],
  ]),
  S.call('eq.bool_list', [[true, true], [false]]),
  S.call('eq.str_list', [['a'], ['a', 'b']]),
  S.call('eq.str_list', [['a', 'b'], ['b']]),
  S.call('eq.Scalar', [S.of([0, 1, 255], [3], 'uint8'), -1]),
  S.call('eq.Scalar', [S.of([0, 1, 255], [3], 'uint8'), S.float(255)]),
];

export const eq = defineOp({
  schemas: [
    'aten::eq.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::eq.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::eq.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::eq.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::eq_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::eq_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::eq.bool(bool a, bool b) -> bool',
    'aten::eq.int(int a, int b) -> bool',
    'aten::eq.int_float(int a, float b) -> bool',
    'aten::eq.float_int(float a, int b) -> bool',
    'aten::eq.float(float a, float b) -> bool',
    'aten::eq.str(str a, str b) -> bool',
    'aten::eq(Scalar a, Scalar b) -> bool',
    'aten::eq.int_list(int[] a, int[] b) -> bool',
    'aten::eq.float_list(float[] a, float[] b) -> bool',
    'aten::eq.bool_list(bool[] a, bool[] b) -> bool',
    'aten::eq.str_list(str[] a, str[] b) -> bool',
    'aten::eq.device(Device a, Device b) -> bool',
    'aten::eq.Tensor_list(Tensor[] a, Tensor[] b) -> bool',
  ],
  impl: withBuiltins(
    withScalarMath('eq', binaryMathImpl('eq', rules), [
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
    { 'eq.device': deviceCompare('eq'), 'eq.Tensor_list': tensorListCompare('eq') },
  ),
  meta: binaryMathMeta('eq', rules),
  nondifferentiable: 'comparison',
  samples: withBuiltinSamples(
    withScalarSamples(
      (S) => [
        ...binaryFamilySamples(S, {
          tensor: 'eq.Tensor',
          scalar: 'eq.Scalar',
          inplace: 'eq_.Tensor',
          inplaceScalar: 'eq_.Scalar',
          out: 'eq.Tensor_out',
          scalarOut: 'eq.Scalar_out',
          dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
          floatResult: false,
        }),
        S.call('eq.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
        S.call('eq.Scalar', [S.ints([2, 3]), S.float(1.5)]),
        S.call('eq.Tensor', [S.bools([2, 3]), S.bools([3])]),
        S.call('eq_.Tensor', [S.ints([2, 3]), S.randn([3])]),
      ],
      scalarSamples,
    ),
    (S) => [
      S.call('eq.device', [new PyDevice('cpu'), new PyDevice('cpu')]),
      S.call('eq.device', [new PyDevice('cpu'), new PyDevice('cuda:0')]),
      S.call('eq.Tensor_list', [[S.of([1])], [S.of([2])]]),
      S.call('eq.Tensor_list', [[S.of([1])], []]),
      S.error(
        'eq.Tensor_list',
        [[S.of([1, 2])], [S.of([1, 3])]],
        'Boolean value of Tensor with more than one value is ambiguous',
      ),
    ],
  ),
});
