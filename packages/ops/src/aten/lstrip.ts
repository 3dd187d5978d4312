import { defineOp } from '../core/define-op.js';
import { strLstrip } from '../groups/py-strings.js';

export const lstrip = defineOp({
  schemas: ['aten::lstrip(str self, str chars=" \\n\\t\\f\\v") -> str'],
  impl: strLstrip,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('lstrip', ['  ab  ']), S.call('lstrip', ['xyab', 'yx'])],
});
