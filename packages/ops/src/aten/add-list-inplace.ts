import { defineOp } from '../core/define-op.js';
import { listAddInPlace } from '../groups/py-lists.js';

/** `l += other` on lists (aten::add_.t): extends in place and returns the list. */
export const addListInPlace = defineOp({
  schemas: ['aten::add_.t(t[](a!) self, t[] b) -> t[]'],
  impl: { t: listAddInPlace },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('add_.t', [[1, 2], [3]], undefined, { compareArgs: [0] }),
    S.call('add_.t', [[], ['a']], undefined, { compareArgs: [0] }),
  ],
});
