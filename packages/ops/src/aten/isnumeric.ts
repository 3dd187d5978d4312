import { defineOp } from '../core/define-op.js';
import { strIsNumeric } from '../groups/py-strings.js';

export const isnumeric = defineOp({
  schemas: ['aten::isnumeric(str self) -> bool'],
  impl: strIsNumeric,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('isnumeric', ['123']), S.call('isnumeric', ['1.5']), S.call('isnumeric', [''])],
});
