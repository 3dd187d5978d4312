import { defineOp } from '../core/define-op.js';
import { strRfind } from '../groups/py-strings.js';

export const rfind = defineOp({
  schemas: ['aten::rfind(str self, str substr, int start=0, int end=-1) -> int'],
  impl: strRfind,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('rfind', ['abcabc', 'c']),
    S.call('rfind', ['abcabc', 'c', 0, 4]),
    S.call('rfind', ['abcabc', 'x']),
  ],
});
