import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'log_vml_cpu', noHalf: true };

export const log = defineOp({
  schemas: [
    'aten::log(Tensor self) -> Tensor',
    'aten::log.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::log_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('log', rules),
  meta: unaryMathMeta('log', rules),
  derivative: (F, { grad, self }) => ({ self: F.div(grad, self) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'log',
      inplace: true,
      out: true,
      low: 0.1,
      high: 5,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"log_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
