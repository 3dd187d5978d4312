import { defineOp } from '../core/define-op.js';
import { strRjust } from '../groups/py-strings.js';

export const rjust = defineOp({
  schemas: ['aten::rjust(str self, int width, str fillchar=" ") -> str'],
  impl: strRjust,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('rjust', ['ab', 5]), S.call('rjust', ['ab', 5, '0'])],
});
