import { defineOp } from '../core/define-op.js';
import { dictSetItem } from '../groups/py-dicts.js';
import { listSetItem } from '../groups/py-lists.js';

/** `x[i] = v` on lists and dicts. */
export const _setItem = defineOp({
  schemas: [
    'aten::_set_item.t(t[](a!) l, int idx, t(b -> *) el) -> t[](a!)',
    'aten::_set_item.str(Dict(str, t)(a!) l, str(b -> *) idx, t(c -> *) v) -> ()',
    'aten::_set_item.int(Dict(int, t)(a!) l, int(b -> *) idx, t(c -> *) v) -> ()',
    'aten::_set_item.bool(Dict(bool, t)(a!) l, bool(b -> *) idx, t(c -> *) v) -> ()',
    'aten::_set_item.float(Dict(float, t)(a!) l, float(b -> *) idx, t(c -> *) v) -> ()',
    'aten::_set_item.Tensor(Dict(Tensor, t)(a!) l, Tensor(b -> *) idx, t(c -> *) v) -> ()',
  ],
  impl: {
    t: listSetItem,
    str: dictSetItem,
    int: dictSetItem,
    bool: dictSetItem,
    float: dictSetItem,
    Tensor: dictSetItem,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('_set_item.t', [[1, 2, 3], 1, 9], undefined, { compareArgs: [0] }),
    S.call('_set_item.t', [[1, 2, 3], -1, 9], undefined, { compareArgs: [0] }),
    S.error('_set_item.t', [[1, 2, 3], 3, 9], 'list index out of range'),
    S.call('_set_item.str', [new Map<unknown, unknown>([['a', 1]]), 'b', 2], undefined, { compareArgs: [0] }),
    S.call(
      '_set_item.str',
      [
        new Map<unknown, unknown>([
          ['a', 1],
          ['b', 2],
        ]),
        'a',
        3,
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.call('_set_item.int', [new Map<unknown, unknown>([[1, 'a']]), 2, 'b'], undefined, { compareArgs: [0] }),
    S.call('_set_item.bool', [new Map<unknown, unknown>(), true, 'b'], undefined, { compareArgs: [0] }),
    S.call('_set_item.float', [new Map<unknown, unknown>([[S.float(1), 'a']]), S.float(1), 'b'], undefined, {
      compareArgs: [0],
    }),
    S.call(
      '_set_item.Tensor',
      [
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
        S.of([5]),
        'c',
      ],
      undefined,
      { compareArgs: [0] },
    ),
  ],
});
