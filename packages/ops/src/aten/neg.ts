import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = {
  errors: {
    bool: 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
  },
};

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('neg.int', [3]),
  S.call('neg.int', [-2]),
  S.call('neg.float', [S.float(0.5)]),
  S.call('neg.float', [S.float(-2.25)]),
  S.call('neg.Scalar', [true]),
  S.call('neg', [S.of([-128, 127, 0], [3], 'int8')]),
];

export const neg = defineOp({
  schemas: [
    'aten::neg(Tensor self) -> Tensor',
    'aten::neg.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::neg_(Tensor(a!) self) -> Tensor(a!)',
    'aten::neg.int(int a) -> int',
    'aten::neg.float(float a) -> float',
    'aten::neg.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath(
    'neg',
    { '': unaryMathImpl('neg', rules), 'neg.out': sameDtypeOutImpl(unaryMathImpl('neg', rules)) },
    ['int', 'float', 'Scalar'],
  ),
  meta: unaryMathMeta('neg', rules),
  derivative: (F, { grad }) => ({ self: F.neg(grad) }),
  samples: withScalarSamples(
    (S) =>
      unaryFamilySamples(S, {
        name: 'neg',
        inplace: true,
        out: true,
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
        errors: {
          bool: 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
        },
        outSameDtype: true,
      }),
    scalarSamples,
  ),
});
