import { defineOp } from '../core/define-op.js';
import { strRpartition } from '../groups/py-strings.js';

export const rpartition = defineOp({
  schemas: ['aten::rpartition(str self, str separator) -> (str, str, str)'],
  impl: strRpartition,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('rpartition', ['a=b=c', '=']), S.call('rpartition', ['abc', '='])],
});
