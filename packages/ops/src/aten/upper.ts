import { defineOp } from '../core/define-op.js';
import { strUpper } from '../groups/py-strings.js';

export const upper = defineOp({
  schemas: ['aten::upper(str self) -> str'],
  impl: strUpper,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('upper', ['AbC 1_x']), S.call('upper', [''])],
});
