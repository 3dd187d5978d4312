import { defineOp } from '../core/define-op.js';
import { strIsUpper } from '../groups/py-strings.js';

export const isupper = defineOp({
  schemas: ['aten::isupper(str self) -> bool'],
  impl: strIsUpper,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('isupper', ['AB1']),
    S.call('isupper', ['Ab']),
    S.call('isupper', ['12']),
    S.call('isupper', ['']),
  ],
});
