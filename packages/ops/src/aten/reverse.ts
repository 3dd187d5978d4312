import { defineOp } from '../core/define-op.js';
import { listReverse } from '../groups/py-lists.js';

export const reverse = defineOp({
  schemas: ['aten::reverse.t(t[](a!) self) -> ()'],
  impl: { t: listReverse },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('reverse.t', [[1, 2, 3]], undefined, { compareArgs: [0] }),
    S.call('reverse.t', [[]], undefined, { compareArgs: [0] }),
    S.call('reverse.t', [['a', 'b']], undefined, { compareArgs: [0] }),
  ],
});
