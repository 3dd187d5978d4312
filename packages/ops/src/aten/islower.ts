import { defineOp } from '../core/define-op.js';
import { strIsLower } from '../groups/py-strings.js';

export const islower = defineOp({
  schemas: ['aten::islower(str self) -> bool'],
  impl: strIsLower,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('islower', ['ab1']), S.call('islower', ['aB']), S.call('islower', ['12'])],
});
