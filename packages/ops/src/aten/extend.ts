import { defineOp } from '../core/define-op.js';
import { listExtend } from '../groups/py-lists.js';

export const extend = defineOp({
  schemas: ['aten::extend.t(t[](a!) self, t[] other) -> ()'],
  impl: { t: listExtend },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call(
      'extend.t',
      [
        [1, 2],
        [3, 4],
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.call('extend.t', [[], []], undefined, { compareArgs: [0] }),
    S.call('extend.t', [['a'], ['b', 'c']], undefined, { compareArgs: [0] }),
  ],
});
