import { defineOp } from '../core/define-op.js';
import { isSameIdentity } from '../groups/py-values.js';

/** `a is not b`. */
export const __isnot__ = defineOp({
  schemas: ['aten::__isnot__(t1 self, t2 obj) -> bool'],
  impl: ({ self, obj }) => !isSameIdentity(self, obj),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('__isnot__', [null, null]), S.call('__isnot__', [1, null]), S.call('__isnot__', [[1], [1]])],
});
