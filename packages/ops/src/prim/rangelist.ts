import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { checkLength, intNum } from '../groups/py-values.js';

/** list(range(n)). */
export const rangelist = defineOp({
  schemas: ['prim::rangelist(int n) -> int[]'],
  impl: ({ n }) => {
    // PyTorch reserves n elements first: a negative n fails there.
    if (intNum(n) < 0) throw new OpError('vector::reserve', 'ValueError');
    checkLength(intNum(n));
    return Array.from({ length: intNum(n) }, (_, i) => i);
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('prim::rangelist', [4]),
    S.call('prim::rangelist', [0]),
    S.error('prim::rangelist', [-2], 'vector::reserve'),
  ],
});
