import { defineOp } from '../core/define-op.js';
import { strJoin } from '../groups/py-strings.js';

export const join = defineOp({
  schemas: ['aten::join(str self, str[] values) -> str'],
  impl: strJoin,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('join', [', ', ['a', 'b', 'c']]), S.call('join', ['-', []]), S.call('join', ['', ['x']])],
});
