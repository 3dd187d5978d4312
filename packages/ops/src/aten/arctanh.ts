import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'atanh_cpu', noHalf: true };

export const arctanh = defineOp({
  schemas: [
    'aten::arctanh(Tensor self) -> Tensor',
    'aten::arctanh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::arctanh_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('atanh', rules),
  meta: unaryMathMeta('atanh', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, F.rsub(F.mul(self, self), 1)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'arctanh',
      inplace: true,
      out: true,
      low: -0.95,
      high: 0.95,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"atanh_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
