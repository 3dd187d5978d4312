import { defineOp } from '../core/define-op.js';
import { unaryMathImpl, unaryMathMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';
import { floatUnaryInplaceInto } from '../groups/unary.js';

const rules = { kernelName: 'sigmoid_cpu', noHalf: true };

export const sigmoid = defineOp({
  schemas: [
    'aten::sigmoid(Tensor self) -> Tensor',
    'aten::sigmoid.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sigmoid_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: unaryMathImpl('sigmoid', rules),
  meta: unaryMathMeta('sigmoid', rules),
  inplaceInto: floatUnaryInplaceInto('sigmoid'),
  derivative: (F, { grad, result }) => ({ self: F.sigmoidBackward(grad, result) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'sigmoid',
      inplace: true,
      out: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
      errors: { float16: '"sigmoid_cpu" not implemented for \'Half\'' },
      floatResult: true,
    }),
});
