import { defineOp } from '../core/define-op.js';
import { strLjust } from '../groups/py-strings.js';

export const ljust = defineOp({
  schemas: ['aten::ljust(str self, int width, str fillchar=" ") -> str'],
  impl: strLjust,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('ljust', ['ab', 5]), S.call('ljust', ['ab', 5, '.']), S.call('ljust', ['abc', 1])],
});
