import { defineOp } from '../core/define-op.js';
import { strZfill } from '../groups/py-strings.js';

export const zfill = defineOp({
  schemas: ['aten::zfill(str self, int width) -> str'],
  impl: strZfill,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('zfill', ['42', 5]),
    S.call('zfill', ['-42', 5]),
    S.call('zfill', ['+4', 4]),
    S.call('zfill', ['abc', 2]),
  ],
});
