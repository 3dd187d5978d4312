import { defineOp } from '../core/define-op.js';
import { strIsDecimal } from '../groups/py-strings.js';

export const isdecimal = defineOp({
  schemas: ['aten::isdecimal(str self) -> bool'],
  impl: strIsDecimal,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('isdecimal', ['123']), S.call('isdecimal', ['-1'])],
});
