import { defineOp } from '../core/define-op.js';
import { strRsplit } from '../groups/py-strings.js';

export const rsplit = defineOp({
  schemas: ['aten::rsplit(str self, str separator=" ", int max=-1) -> str[]'],
  impl: strRsplit,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('rsplit', ['a b  c']),
    S.call('rsplit', ['a,b,c', ',', 1]),
    S.call('rsplit', ['a,,b', ',']),
    S.call('rsplit', ['', ',']),
  ],
});
