import { defineOp } from '../core/define-op.js';
import { strReplace } from '../groups/py-strings.js';

export const replace = defineOp({
  schemas: ['aten::replace(str self, str old, str new, int max=-1) -> str'],
  impl: strReplace,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('replace', ['aXbXc', 'X', '--']),
    S.call('replace', ['aXbXc', 'X', '', 1]),
    S.call('replace', ['abc', '', '-']),
    S.call('replace', ['aaa', 'aa', 'b']),
  ],
});
