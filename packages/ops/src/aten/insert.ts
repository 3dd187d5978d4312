import { defineOp } from '../core/define-op.js';
import { listInsert } from '../groups/py-lists.js';

export const insert = defineOp({
  schemas: ['aten::insert.t(t[](a!) self, int idx, t(b -> *) el) -> ()'],
  impl: { t: listInsert },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('insert.t', [[1, 2, 3], 1, 9], undefined, { compareArgs: [0] }),
    S.call('insert.t', [[1, 2, 3], -1, 9], undefined, { compareArgs: [0] }),
    S.call('insert.t', [[1, 2, 3], 10, 9], undefined, { compareArgs: [0] }),
    S.call('insert.t', [[1, 2, 3], -10, 9], undefined, { compareArgs: [0] }),
    S.call('insert.t', [[], 0, 'a'], undefined, { compareArgs: [0] }),
  ],
});
