import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'tanh_vml_cpu', noHalf: true };

export const tanh = defineOp({
  schemas: [
    'aten::tanh(Tensor self) -> Tensor',
    'aten::tanh.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::tanh_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('tanh', rules),
  meta: unaryMathMeta('tanh', rules),
  derivative: (F, { grad, result }) => ({ self: F.tanhBackward(grad, result) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'tanh',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"tanh_vml_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
