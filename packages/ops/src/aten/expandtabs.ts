import { defineOp } from '../core/define-op.js';
import { strExpandtabs } from '../groups/py-strings.js';

export const expandtabs = defineOp({
  schemas: ['aten::expandtabs(str self, int tabsize=8) -> str'],
  impl: strExpandtabs,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('expandtabs', ['a\tbc\td']),
    S.call('expandtabs', ['a\tb', 4]),
    S.call('expandtabs', ['ab\ncd\te', 2]),
  ],
});
