import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { boolResult: true };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('le.int', [7, -6]),
  S.call('le.int', [-6, 2]),
  S.call('le.int', [-9, 4]),
  S.call('le.int_float', [7, S.float(-1.5)]),
  S.call('le.int_float', [-6, S.float(0.75)]),
  S.call('le.float_int', [S.float(2.5), -6]),
  S.call('le.float_int', [S.float(-1.5), 2]),
  S.call('le.float', [S.float(2.5), S.float(-1.5)]),
  S.call('le.float', [S.float(-1.5), S.float(0.75)]),
  S.call('le.str', ['abc', 'abd']),
  S.call('le.str', ['abd', '']),
  S.call('le', [true, 3]),
];

export const le = defineOp({
  schemas: [
    'aten::le.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::le.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::le.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::le.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::le_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::le_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::le.int(int a, int b) -> bool',
    'aten::le.int_float(int a, float b) -> bool',
    'aten::le.float_int(float a, int b) -> bool',
    'aten::le.float(float a, float b) -> bool',
    'aten::le.str(str a, str b) -> bool',
    'aten::le(Scalar a, Scalar b) -> bool',
  ],
  impl: withScalarMath('le', binaryMathImpl('le', rules), ['int', 'int_float', 'float_int', 'float', 'str', '']),
  meta: binaryMathMeta('le', rules),
  nondifferentiable: 'comparison',
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: 'le.Tensor',
        scalar: 'le.Scalar',
        inplace: 'le_.Tensor',
        inplaceScalar: 'le_.Scalar',
        out: 'le.Tensor_out',
        scalarOut: 'le.Scalar_out',
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
        floatResult: false,
      }),
      S.call('le.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
      S.call('le.Scalar', [S.ints([2, 3]), S.float(1.5)]),
      S.call('le.Tensor', [S.bools([2, 3]), S.bools([3])]),
      S.call('le_.Tensor', [S.ints([2, 3]), S.randn([3])]),
    ],
    scalarSamples,
  ),
});
