import { defineOp } from '../core/define-op.js';
import { dictDelete } from '../groups/py-dicts.js';
import { listDelete } from '../groups/py-lists.js';

/** `del x[i]` on lists and dicts. */
export const Delete = defineOp({
  schemas: [
    'aten::Delete.t(t[](a!) self, int idx) -> ()',
    'aten::Delete.Dict_str(Dict(str, t)(a!) self, str key) -> ()',
    'aten::Delete.Dict_int(Dict(int, t)(a!) self, int key) -> ()',
    'aten::Delete.Dict_bool(Dict(bool, t)(a!) self, bool key) -> ()',
    'aten::Delete.Dict_float(Dict(float, t)(a!) self, float key) -> ()',
    'aten::Delete.Dict_Tensor(Dict(Tensor, t)(a!) self, Tensor key) -> ()',
  ],
  impl: {
    t: listDelete,
    Dict_str: dictDelete,
    Dict_int: dictDelete,
    Dict_bool: dictDelete,
    Dict_float: dictDelete,
    Dict_Tensor: dictDelete,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('Delete.t', [[1, 2, 3], 1], undefined, { compareArgs: [0] }),
    S.call('Delete.t', [[1, 2, 3], -1], undefined, { compareArgs: [0] }),
    S.error('Delete.t', [[1, 2, 3], 3], 'list index out of range'),
    S.error('Delete.t', [[], 0], 'pop index out of range'),
    S.call(
      'Delete.Dict_str',
      [
        new Map<unknown, unknown>([
          ['a', 1],
          ['b', 2],
        ]),
        'a',
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.error('Delete.Dict_str', [new Map<unknown, unknown>([['a', 1]]), 'b'], 'KeyError'),
    S.call('Delete.Dict_int', [new Map<unknown, unknown>([[1, 'a']]), 1], undefined, { compareArgs: [0] }),
    S.call('Delete.Dict_bool', [new Map<unknown, unknown>([[false, 'a']]), false], undefined, { compareArgs: [0] }),
    S.call('Delete.Dict_float', [new Map<unknown, unknown>([[0.5, 'a']]), 0.5], undefined, { compareArgs: [0] }),
    S.error(
      'Delete.Dict_Tensor',
      [
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
        S.of([1, 2]),
      ],
      'KeyError',
    ),
  ],
});
