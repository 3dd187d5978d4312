import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = {
  errors: {
    bool: 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
  },
};

export const negative = defineOp({
  schemas: [
    'aten::negative(Tensor self) -> Tensor',
    'aten::negative.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::negative_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': unaryMathImpl('neg', rules), 'negative.out': sameDtypeOutImpl(unaryMathImpl('neg', rules)) },
  meta: unaryMathMeta('neg', rules),
  derivative: (F, { grad }) => ({ self: F.neg(grad) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'negative',
      inplace: true,
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
      errors: {
        bool: 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
      },
      outSameDtype: true,
    }),
});
