import { defineOp } from '../core/define-op.js';
import { strIsAlpha } from '../groups/py-strings.js';

export const isalpha = defineOp({
  schemas: ['aten::isalpha(str self) -> bool'],
  impl: strIsAlpha,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('isalpha', ['abC']), S.call('isalpha', ['']), S.call('isalpha', ['ab1'])],
});
