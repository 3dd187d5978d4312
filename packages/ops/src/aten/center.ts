import { defineOp } from '../core/define-op.js';
import { strCenter } from '../groups/py-strings.js';

export const center = defineOp({
  schemas: ['aten::center(str self, int width, str fillchar=" ") -> str'],
  impl: strCenter,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('center', ['ab', 5]),
    S.call('center', ['ab', 6, '*']),
    S.call('center', ['abc', 6]),
    S.call('center', ['abc', 2]),
  ],
});
