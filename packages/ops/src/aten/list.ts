import { defineOp } from '../core/define-op.js';
import { listFromList } from '../groups/py-lists.js';
import { strList } from '../groups/py-strings.js';

/** `list(x)`: a shallow copy of a list, or the characters of a string. */
export const list = defineOp({
  schemas: ['aten::list(str t) -> str[]', 'aten::list.t(t[] l) -> t[]'],
  impl: { '': strList, t: listFromList },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('list', ['abc']),
    S.call('list', ['']),
    S.call('list.t', [[1, 2]]),
    S.call('list.t', [[[1], []]]),
  ],
});
