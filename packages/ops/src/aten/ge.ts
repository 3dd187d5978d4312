import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { boolResult: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('ge.int', [7, -6]),
  S.call('ge.int', [-6, 2]),
  S.call('ge.int', [-9, 4]),
  S.call('ge.int_float', [7, S.float(-1.5)]),
  S.call('ge.int_float', [-6, S.float(0.75)]),
  S.call('ge.float_int', [S.float(2.5), -6]),
  S.call('ge.float_int', [S.float(-1.5), 2]),
  S.call('ge.float', [S.float(2.5), S.float(-1.5)]),
  S.call('ge.float', [S.float(-1.5), S.float(0.75)]),
  S.call('ge.str', ['abc', 'abd']),
  S.call('ge.str', ['abd', '']),
  S.call('ge', [true, 3]),
];

export const ge = defineOp({
  schemas: [
    'aten::ge.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::ge.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::ge.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ge.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ge_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::ge_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::ge.int(int a, int b) -> bool',
    'aten::ge.int_float(int a, float b) -> bool',
    'aten::ge.float_int(float a, int b) -> bool',
    'aten::ge.float(float a, float b) -> bool',
    'aten::ge.str(str a, str b) -> bool',
    'aten::ge(Scalar a, Scalar b) -> bool',
  ],
  impl: withScalarMath('ge', binaryMathImpl('ge', rules), ['int', 'int_float', 'float_int', 'float', 'str', '']),
  meta: binaryMathMeta('ge', rules),
  nondifferentiable: 'comparison',
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: 'ge.Tensor',
        scalar: 'ge.Scalar',
        inplace: 'ge_.Tensor',
        inplaceScalar: 'ge_.Scalar',
        out: 'ge.Tensor_out',
        scalarOut: 'ge.Scalar_out',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
        floatResult: false,
      }),
      S.call('ge.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
      S.call('ge.Scalar', [S.ints([2, 3]), S.float(1.5)]),
      S.call('ge.Tensor', [S.bools([2, 3]), S.bools([3])]),
      S.call('ge_.Tensor', [S.ints([2, 3]), S.randn([3])]),
    ],
    scalarSamples,
  ),
});
