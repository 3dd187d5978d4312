import { defineOp } from '../core/define-op.js';
import { strIsTitle } from '../groups/py-strings.js';

export const istitle = defineOp({
  schemas: ['aten::istitle(str self) -> bool'],
  impl: strIsTitle,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('istitle', ['Hello World']),
    S.call('istitle', ['Hello world']),
    S.call('istitle', ['HELLO']),
    S.call('istitle', ['']),
    S.call('istitle', ['A1b']),
  ],
});
