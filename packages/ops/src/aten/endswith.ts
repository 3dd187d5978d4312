import { defineOp } from '../core/define-op.js';
import { strEndsWith } from '../groups/py-strings.js';

export const endswith = defineOp({
  schemas: ['aten::endswith(str self, str substr, int start=0, int end=-1) -> bool'],
  impl: strEndsWith,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('endswith', ['abcabc', 'bc']),
    S.call('endswith', ['abcabc', 'ab', 0, 2]),
    S.call('endswith', ['abcabc', 'x']),
  ],
});
