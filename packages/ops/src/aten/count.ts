import { defineOp } from '../core/define-op.js';
import { listCount } from '../groups/py-lists.js';
import { strCount } from '../groups/py-strings.js';

export const count = defineOp({
  schemas: [
    'aten::count(str self, str substr, int start=0, int end=-1) -> int',
    'aten::count.int(int[] self, int el) -> int',
    'aten::count.float(float[] self, float el) -> int',
    'aten::count.bool(bool[] self, bool el) -> int',
    'aten::count.Tensor(Tensor[] self, Tensor el) -> int',
    'aten::count.str(str[] self, str el) -> int',
  ],
  impl: { '': strCount, int: listCount, float: listCount, bool: listCount, Tensor: listCount, str: listCount },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('count', ['abcabca', 'a']),
    S.call('count', ['abcabca', 'bc', 2]),
    S.call('count', ['abcabca', 'a', 1, -2]),
    S.call('count', ['aaaa', 'aa']),
    S.call('count', ['abc', 'a', 5]),
    S.call('count.int', [[1, 2, 1, 1], 1]),
    S.call('count.float', [[S.float(1), 2.5, S.float(1)], S.float(1)]),
    S.call('count.bool', [[true, false, true], true]),
    S.call('count.str', [['a', 'b', 'a'], 'c']),
    S.call('count.Tensor', [[S.of([1]), S.of([2]), S.of([1])], S.of([1])]),
  ],
});
