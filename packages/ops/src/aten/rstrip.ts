import { defineOp } from '../core/define-op.js';
import { strRstrip } from '../groups/py-strings.js';

export const rstrip = defineOp({
  schemas: ['aten::rstrip(str self, str chars=" \\n\\t\\f\\v") -> str'],
  impl: strRstrip,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('rstrip', ['  ab  ']), S.call('rstrip', ['abxy', 'yx'])],
});
