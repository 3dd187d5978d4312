import { defineOp } from '../core/define-op.js';
import { strIsAlnum } from '../groups/py-strings.js';

export const isalnum = defineOp({
  schemas: ['aten::isalnum(str self) -> bool'],
  impl: strIsAlnum,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('isalnum', ['ab1']), S.call('isalnum', ['a b']), S.call('isalnum', [''])],
});
