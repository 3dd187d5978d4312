import { defineOp } from '../core/define-op.js';
import { sameDtypeOutImpl, unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'abs_cpu', noBool: true };

export const abs = defineOp({
  schemas: [
    'aten::abs(Tensor self) -> Tensor',
    'aten::abs.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::abs_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': unaryMathImpl('abs', rules), 'abs.out': sameDtypeOutImpl(unaryMathImpl('abs', rules)) },
  meta: unaryMathMeta('abs', rules),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.sgn(self)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'abs',
      inplace: true,
      out: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
      errors: { bool: '"abs_cpu" not implemented for \'Bool\'' },
      outSameDtype: true,
    }),
});
