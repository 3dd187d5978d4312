import { defineOp } from '../core/define-op.js';
import { strRindex } from '../groups/py-strings.js';

export const rindex = defineOp({
  schemas: ['aten::rindex(str self, str substr, int start=0, int end=-1) -> int'],
  impl: strRindex,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('rindex', ['abcabc', 'b']), S.error('rindex', ['abc', 'x'], 'substring not found')],
});
