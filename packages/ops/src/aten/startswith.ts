import { defineOp } from '../core/define-op.js';
import { strStartsWith } from '../groups/py-strings.js';

export const startswith = defineOp({
  schemas: ['aten::startswith(str self, str substr, int start=0, int end=-1) -> bool'],
  impl: strStartsWith,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('startswith', ['abcabc', 'ab']),
    S.call('startswith', ['abcabc', 'ca', 2]),
    S.call('startswith', ['abcabc', 'x']),
    S.call('startswith', ['abc', '']),
  ],
});
