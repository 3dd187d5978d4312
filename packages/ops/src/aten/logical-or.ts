import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const logicalOr = defineOp({
  schemas: [
    'aten::logical_or(Tensor self, Tensor other) -> Tensor',
    'aten::logical_or.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::logical_or_(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('logical_or', rules),
  meta: binaryMathMeta('logical_or', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'logical_or',
      inplace: 'logical_or_',
      out: 'logical_or.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('logical_or', [S.bools([2, 3]), S.bools([3])]),
    S.call('logical_or', [S.of([0, 1, Number.NaN, 0]), S.of([0, 0, 2, -0])]),
  ],
});
