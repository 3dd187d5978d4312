import { defineOp } from '../core/define-op.js';
import { strStrip } from '../groups/py-strings.js';

export const strip = defineOp({
  schemas: ['aten::strip(str self, str chars=" \\n\\t\\f\\v") -> str'],
  impl: strStrip,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('strip', ['  ab c \t\n']),
    S.call('strip', ['xxabxx', 'x']),
    S.call('strip', ['\rab\r']),
    S.call('strip', ['']),
  ],
});
