import { defineOp } from '../core/define-op.js';
import { listMulInPlace } from '../groups/py-lists.js';

/** `l *= n` on lists (aten::mul_.t): repeats in place and returns the list. */
export const mulListInPlace = defineOp({
  schemas: ['aten::mul_.t(t[](a!) l, int n) -> t[](a!)'],
  impl: { t: listMulInPlace },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('mul_.t', [[1, 2], 3], undefined, { compareArgs: [0] }),
    S.call('mul_.t', [[1, 2], 0], undefined, { compareArgs: [0] }),
    S.call('mul_.t', [['a'], -2], undefined, { compareArgs: [0] }),
  ],
});
