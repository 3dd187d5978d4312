import { defineOp } from '../core/define-op.js';
import { listAppend } from '../groups/py-lists.js';

/** list.append(el): mutates the list and returns it. */
export const append = defineOp({
  schemas: ['aten::append.t(t[](a!) self, t(c -> *) el) -> t[](a!)'],
  impl: { t: listAppend },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('append.t', [[1, 2], 3], undefined, { compareArgs: [0] }),
    S.call('append.t', [[], 'a'], undefined, { compareArgs: [0] }),
    S.call('append.t', [[[1], [2, 3]], [4]], undefined, { compareArgs: [0] }),
    S.call('append.t', [[S.float(1.5)], S.float(2)], undefined, { compareArgs: [0] }),
    S.call('append.t', [[S.randn([2])], S.randn([3])], undefined, { compareArgs: [0] }),
  ],
});
