import { defineOp } from '../core/define-op.js';
import { strIsIdentifier } from '../groups/py-strings.js';

export const isidentifier = defineOp({
  schemas: ['aten::isidentifier(str self) -> bool'],
  impl: strIsIdentifier,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('isidentifier', ['_a1']),
    S.call('isidentifier', ['1a']),
    S.call('isidentifier', ['']),
    S.call('isidentifier', ['a-b']),
  ],
});
