import { defineOp } from '../core/define-op.js';
import { strPartition } from '../groups/py-strings.js';

export const partition = defineOp({
  schemas: ['aten::partition(str self, str separator) -> (str, str, str)'],
  impl: strPartition,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('partition', ['a=b=c', '=']), S.call('partition', ['abc', '='])],
});
