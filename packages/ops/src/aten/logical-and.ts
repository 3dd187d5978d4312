import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const logicalAnd = defineOp({
  schemas: [
    'aten::logical_and(Tensor self, Tensor other) -> Tensor',
    'aten::logical_and.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::logical_and_(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('logical_and', rules),
  meta: binaryMathMeta('logical_and', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'logical_and',
      inplace: 'logical_and_',
      out: 'logical_and.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('logical_and', [S.bools([2, 3]), S.bools([3])]),
    S.call('logical_and', [S.of([0, 1, Number.NaN, 0]), S.of([0, 0, 2, -0])]),
  ],
});
