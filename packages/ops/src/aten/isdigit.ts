import { defineOp } from '../core/define-op.js';
import { strIsDigit } from '../groups/py-strings.js';

export const isdigit = defineOp({
  schemas: ['aten::isdigit(str self) -> bool'],
  impl: strIsDigit,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('isdigit', ['123']), S.call('isdigit', ['']), S.call('isdigit', ['12a'])],
});
