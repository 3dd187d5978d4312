import { defineOp } from '../core/define-op.js';
import { dictGet } from '../groups/py-dicts.js';

export const get = defineOp({
  schemas: [
    'aten::get.str(Dict(str, t) self, str key) -> t(*)?',
    'aten::get.default_str(Dict(str, t) self, str key, t default_value) -> t(*)',
    'aten::get.int(Dict(int, t) self, int key) -> t(*)?',
    'aten::get.default_int(Dict(int, t) self, int key, t default_value) -> t(*)',
    'aten::get.bool(Dict(bool, t) self, bool key) -> t(*)?',
    'aten::get.default_bool(Dict(bool, t) self, bool key, t default_value) -> t(*)',
    'aten::get.float(Dict(float, t) self, float key) -> t(*)?',
    'aten::get.default_float(Dict(float, t) self, float key, t default_value) -> t(*)',
    'aten::get.Tensor(Dict(Tensor, t) self, Tensor key) -> t(*)?',
    'aten::get.default_Tensor(Dict(Tensor, t) self, Tensor key, t default_value) -> t(*)',
  ],
  impl: {
    str: dictGet,
    default_str: dictGet,
    int: dictGet,
    default_int: dictGet,
    bool: dictGet,
    default_bool: dictGet,
    float: dictGet,
    default_float: dictGet,
    Tensor: dictGet,
    default_Tensor: dictGet,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('get.str', [new Map<unknown, unknown>([['a', 1]]), 'a']),
    S.call('get.str', [new Map<unknown, unknown>([['a', 1]]), 'b']),
    S.call('get.default_str', [new Map<unknown, unknown>([['a', 1]]), 'b', 7]),
    S.call('get.int', [new Map<unknown, unknown>([[1, 'x']]), 1]),
    S.call('get.default_int', [new Map<unknown, unknown>([[1, 'x']]), 2, 'y']),
    S.call('get.bool', [new Map<unknown, unknown>([[true, 'x']]), false]),
    S.call('get.default_bool', [new Map<unknown, unknown>([[true, 'x']]), true, 'y']),
    S.call('get.float', [new Map<unknown, unknown>([[1.5, 'x']]), 1.5]),
    S.call('get.default_float', [new Map<unknown, unknown>([[1.5, 'x']]), S.float(2), 'y']),
    S.call('get.Tensor', [
      new Map<unknown, unknown>([
        [S.of([1, 2]), 'a'],
        [S.of([3], [], 'int64'), 'b'],
      ]),
      S.of([1, 2]),
    ]),
    S.call('get.default_Tensor', [
      new Map<unknown, unknown>([
        [S.of([1, 2]), 'a'],
        [S.of([3], [], 'int64'), 'b'],
      ]),
      S.of([1, 2]),
      'd',
    ]),
  ],
});
