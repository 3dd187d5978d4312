import { defineOp } from '../core/define-op.js';
import { dictGetItem } from '../groups/py-dicts.js';
import { listGetItem } from '../groups/py-lists.js';
import { strGetItem } from '../groups/py-strings.js';

/** `x[i]` on lists, strings and dicts. */
export const __getitem__ = defineOp({
  schemas: [
    'aten::__getitem__.t(t[](a) list, int idx) -> t(*)',
    'aten::__getitem__.str(str s, int index) -> str',
    'aten::__getitem__.Dict_str(Dict(str, t) self, str key) -> t(*)',
    'aten::__getitem__.Dict_int(Dict(int, t) self, int key) -> t(*)',
    'aten::__getitem__.Dict_bool(Dict(bool, t) self, bool key) -> t(*)',
    'aten::__getitem__.Dict_float(Dict(float, t) self, float key) -> t(*)',
    'aten::__getitem__.Dict_Tensor(Dict(Tensor, t) self, Tensor key) -> t(*)',
  ],
  impl: {
    t: listGetItem,
    str: strGetItem,
    Dict_str: dictGetItem,
    Dict_int: dictGetItem,
    Dict_bool: dictGetItem,
    Dict_float: dictGetItem,
    Dict_Tensor: dictGetItem,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('__getitem__.t', [[1, 2, 3], 0]),
    S.call('__getitem__.t', [[1, 2, 3], -1]),
    S.call('__getitem__.t', [[[1], [2, 3]], 1]),
    S.call('__getitem__.t', [[S.randn([2]), S.randn([3])], 1]),
    S.error('__getitem__.t', [[1, 2], 2], 'list index out of range'),
    S.error('__getitem__.t', [[1, 2], -3], 'list index out of range'),
    S.call('__getitem__.str', ['abc', 1]),
    S.call('__getitem__.str', ['abc', -1]),
    S.error('__getitem__.str', ['abc', 3], 'basic_string::at: __n (which is 3) >= this->size() (which is 3)'),
    S.error(
      '__getitem__.str',
      ['abc', -4],
      'basic_string::at: __n (which is 18446744073709551615) >= this->size() (which is 3)',
    ),
    S.call('__getitem__.Dict_str', [
      new Map<unknown, unknown>([
        ['a', 1],
        ['b', 2],
      ]),
      'b',
    ]),
    S.error('__getitem__.Dict_str', [new Map<unknown, unknown>([['a', 1]]), 'c'], 'KeyError: c'),
    S.call('__getitem__.Dict_int', [
      new Map<unknown, unknown>([
        [1, 'x'],
        [-2, 'y'],
      ]),
      -2,
    ]),
    S.error('__getitem__.Dict_int', [new Map<unknown, unknown>([[1, 'x']]), 3], 'KeyError: 3'),
    S.call('__getitem__.Dict_bool', [
      new Map<unknown, unknown>([
        [true, 'x'],
        [false, 'y'],
      ]),
      false,
    ]),
    S.call('__getitem__.Dict_float', [
      new Map<unknown, unknown>([
        [1.5, 'x'],
        [S.float(2), 'y'],
      ]),
      S.float(2),
    ]),
    S.error(
      '__getitem__.Dict_Tensor',
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
