import { defineOp } from '../core/define-op.js';
import { strTitle } from '../groups/py-strings.js';

export const title = defineOp({
  schemas: ['aten::title(str self) -> str'],
  impl: strTitle,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('title', ['hello wORLD x1y']), S.call('title', ["they're"])],
});
