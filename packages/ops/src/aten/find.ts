import { defineOp } from '../core/define-op.js';
import { strFind } from '../groups/py-strings.js';

export const find = defineOp({
  schemas: ['aten::find(str self, str substr, int start=0, int end=-1) -> int'],
  impl: strFind,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('find', ['abcabc', 'c']),
    S.call('find', ['abcabc', 'c', 3]),
    S.call('find', ['abcabc', 'c', -2]),
    S.call('find', ['abcabc', 'c', 0, 2]),
    S.call('find', ['abcabc', 'x']),
    S.call('find', ['abc', '']),
    S.call('find', ['abc', 'b', 5]),
  ],
});
