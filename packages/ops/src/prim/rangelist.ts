import { defineOp } from '../core/define-op.js';
import { intNum } from '../groups/py-values.js';

/** list(range(n)). */
export const rangelist = defineOp({
  schemas: ['prim::rangelist(int n) -> int[]'],
  impl: ({ n }) => Array.from({ length: Math.max(0, intNum(n)) }, (_, i) => i),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('prim::rangelist', [4]), S.call('prim::rangelist', [0]), S.call('prim::rangelist', [-2])],
});
