import { defineOp } from '../core/define-op.js';
import { strOrd } from '../groups/py-strings.js';

export const ord = defineOp({
  schemas: ['aten::ord(str string) -> int'],
  impl: strOrd,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('ord', ['a']),
    S.call('ord', ['~']),
    S.error('ord', ['ab'], 'String for ord() must be 1 character, found 2'),
  ],
});
