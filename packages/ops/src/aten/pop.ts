import { defineOp } from '../core/define-op.js';
import { dictPop } from '../groups/py-dicts.js';
import { listPop } from '../groups/py-lists.js';

export const pop = defineOp({
  schemas: [
    'aten::pop.t(t[](a!) self, int idx=-1) -> t(*)',
    'aten::pop.Dict_str(Dict(str, t)(a!) self, str key) -> t(*)',
    'aten::pop.Dict_default_str(Dict(str, t)(a!) self, str key, t default_value) -> t(*)',
    'aten::pop.Dict_int(Dict(int, t)(a!) self, int key) -> t(*)',
    'aten::pop.Dict_default_int(Dict(int, t)(a!) self, int key, t default_value) -> t(*)',
    'aten::pop.Dict_bool(Dict(bool, t)(a!) self, bool key) -> t(*)',
    'aten::pop.Dict_default_bool(Dict(bool, t)(a!) self, bool key, t default_value) -> t(*)',
    'aten::pop.Dict_float(Dict(float, t)(a!) self, float key) -> t(*)',
    'aten::pop.Dict_default_float(Dict(float, t)(a!) self, float key, t default_value) -> t(*)',
    'aten::pop.Dict_Tensor(Dict(Tensor, t)(a!) self, Tensor key) -> t(*)',
    'aten::pop.Dict_default_Tensor(Dict(Tensor, t)(a!) self, Tensor key, t default_value) -> t(*)',
  ],
  impl: {
    t: listPop,
    Dict_str: dictPop,
    Dict_default_str: dictPop,
    Dict_int: dictPop,
    Dict_default_int: dictPop,
    Dict_bool: dictPop,
    Dict_default_bool: dictPop,
    Dict_float: dictPop,
    Dict_default_float: dictPop,
    Dict_Tensor: dictPop,
    Dict_default_Tensor: dictPop,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('pop.t', [[1, 2, 3]], undefined, { compareArgs: [0] }),
    S.call('pop.t', [[1, 2, 3], 0], undefined, { compareArgs: [0] }),
    S.call('pop.t', [[1, 2, 3], -2], undefined, { compareArgs: [0] }),
    S.error('pop.t', [[], -1], 'pop from empty list'),
    S.error('pop.t', [[1, 2], 2], 'list index out of range'),
    S.call(
      'pop.Dict_str',
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
    S.error('pop.Dict_str', [new Map<unknown, unknown>([['a', 1]]), 'b'], 'KeyError'),
    S.call('pop.Dict_default_str', [new Map<unknown, unknown>([['a', 1]]), 'b', 5], undefined, { compareArgs: [0] }),
    S.call(
      'pop.Dict_int',
      [
        new Map<unknown, unknown>([
          [1, 'x'],
          [2, 'y'],
        ]),
        2,
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.call('pop.Dict_default_int', [new Map<unknown, unknown>([[1, 'x']]), 1, 'z'], undefined, { compareArgs: [0] }),
    S.call(
      'pop.Dict_bool',
      [
        new Map<unknown, unknown>([
          [true, 1],
          [false, 0],
        ]),
        false,
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.call('pop.Dict_default_bool', [new Map<unknown, unknown>([[true, 1]]), false, 3]),
    S.call(
      'pop.Dict_float',
      [
        new Map<unknown, unknown>([
          [S.float(2), 'two'],
          [0.5, 'half'],
        ]),
        S.float(2),
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.call('pop.Dict_default_float', [new Map<unknown, unknown>([[0.5, 'half']]), S.float(1), 'none']),
    S.call(
      'pop.Dict_default_Tensor',
      [
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
        S.of([1, 2]),
        'z',
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.error(
      'pop.Dict_Tensor',
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
