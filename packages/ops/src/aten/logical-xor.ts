import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const logicalXor = defineOp({
  schemas: [
    'aten::logical_xor(Tensor self, Tensor other) -> Tensor',
    'aten::logical_xor.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::logical_xor_(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('logical_xor', rules),
  meta: binaryMathMeta('logical_xor', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'logical_xor',
      inplace: 'logical_xor_',
      out: 'logical_xor.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('logical_xor', [S.bools([2, 3]), S.bools([3])]),
    S.call('logical_xor', [S.of([0, 1, Number.NaN, 0]), S.of([0, 0, 2, -0])]),
  ],
});
