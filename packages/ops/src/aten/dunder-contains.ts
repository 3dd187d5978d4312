import { defineOp } from '../core/define-op.js';
import { dictContains } from '../groups/py-dicts.js';
import { listContains } from '../groups/py-lists.js';

/** `x in container`. */
export const __contains__ = defineOp({
  schemas: [
    'aten::__contains__.int_list(int[] l, int item) -> bool',
    'aten::__contains__.str_list(str[] l, str item) -> bool',
    'aten::__contains__.str(Dict(str, t) dict, str key) -> bool',
    'aten::__contains__.int(Dict(int, t) dict, int key) -> bool',
    'aten::__contains__.bool(Dict(bool, t) dict, bool key) -> bool',
    'aten::__contains__.float(Dict(float, t) dict, float key) -> bool',
    'aten::__contains__.Tensor(Dict(Tensor, t) dict, Tensor key) -> bool',
    'aten::__contains__.float_list(float[] l, float item) -> bool',
  ],
  impl: {
    int_list: listContains,
    str_list: listContains,
    str: dictContains,
    int: dictContains,
    bool: dictContains,
    float: dictContains,
    Tensor: dictContains,
    float_list: listContains,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('__contains__.int_list', [[1, 2], 2]),
    S.call('__contains__.int_list', [[1, 2], 3]),
    S.call('__contains__.str_list', [['a'], 'a']),
    S.call('__contains__.float_list', [[S.float(1), 2.5], S.float(1)]),
    S.call('__contains__.str', [new Map<unknown, unknown>([['a', 1]]), 'a']),
    S.call('__contains__.str', [new Map<unknown, unknown>([['a', 1]]), 'b']),
    S.call('__contains__.int', [new Map<unknown, unknown>([[1, 1]]), 1]),
    S.call('__contains__.bool', [new Map<unknown, unknown>([[true, 1]]), false]),
    S.call('__contains__.float', [new Map<unknown, unknown>([[1.5, 1]]), 1.5]),
    S.call('__contains__.Tensor', [
      new Map<unknown, unknown>([
        [S.of([1, 2]), 'a'],
        [S.of([3], [], 'int64'), 'b'],
      ]),
      S.of([1, 2]),
    ]),
  ],
});
