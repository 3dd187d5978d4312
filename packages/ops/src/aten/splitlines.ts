import { defineOp } from '../core/define-op.js';
import { strSplitlines } from '../groups/py-strings.js';

export const splitlines = defineOp({
  schemas: ['aten::splitlines(str self, bool keepends=False) -> str[]'],
  impl: strSplitlines,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('splitlines', ['a\nb\r\nc\rd\n']),
    S.call('splitlines', ['a\nb\r\n', true]),
    S.call('splitlines', ['']),
    S.call('splitlines', ['a\n\nb']),
  ],
});
