import { defineOp } from '../core/define-op.js';
import { strLower } from '../groups/py-strings.js';

export const lower = defineOp({
  schemas: ['aten::lower(str self) -> str'],
  impl: strLower,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('lower', ['AbC 1_x']), S.call('lower', [''])],
});
