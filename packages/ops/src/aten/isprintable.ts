import { defineOp } from '../core/define-op.js';
import { strIsPrintable } from '../groups/py-strings.js';

export const isprintable = defineOp({
  schemas: ['aten::isprintable(str self) -> bool'],
  impl: strIsPrintable,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('isprintable', ['ab c']), S.call('isprintable', ['a\n']), S.call('isprintable', [''])],
});
