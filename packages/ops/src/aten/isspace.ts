import { defineOp } from '../core/define-op.js';
import { strIsSpace } from '../groups/py-strings.js';

export const isspace = defineOp({
  schemas: ['aten::isspace(str self) -> bool'],
  impl: strIsSpace,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('isspace', [' \t\n']), S.call('isspace', ['']), S.call('isspace', [' a'])],
});
