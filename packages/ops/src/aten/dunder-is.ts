import { defineOp } from '../core/define-op.js';
import { isSameIdentity } from '../groups/py-values.js';

/** `a is b` (IValue identity: by value for None, bools, numbers and strings). */
export const __is__ = defineOp({
  schemas: ['aten::__is__(t1 self, t2 obj) -> bool'],
  impl: ({ self, obj }) => isSameIdentity(self, obj),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('__is__', [null, null]),
    S.call('__is__', [1, null]),
    S.call('__is__', [1, 1]),
    S.call('__is__', ['a', 'a']),
    S.call('__is__', [true, false]),
  ],
});
