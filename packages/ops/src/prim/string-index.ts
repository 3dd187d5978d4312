import { defineOp } from '../core/define-op.js';
import { stringIndex } from '../groups/py-strings.js';

export const StringIndex = defineOp({
  schemas: ['prim::StringIndex(str string, int index) -> str'],
  impl: stringIndex,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('prim::StringIndex', ['abc', 1]),
    S.call('prim::StringIndex', ['abc', -3]),
    S.error('prim::StringIndex', ['abc', 3], 'string index out of range'),
  ],
});
