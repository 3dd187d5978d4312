import { defineOp } from '../core/define-op.js';
import { dictSetDefault } from '../groups/py-dicts.js';

export const setdefault = defineOp({
  schemas: [
    'aten::setdefault.str(Dict(str, t)(a!) self, str(b -> *) key, t(c -> *) default_value) -> t(*)',
    'aten::setdefault.int(Dict(int, t)(a!) self, int(b -> *) key, t(c -> *) default_value) -> t(*)',
    'aten::setdefault.bool(Dict(bool, t)(a!) self, bool(b -> *) key, t(c -> *) default_value) -> t(*)',
    'aten::setdefault.float(Dict(float, t)(a!) self, float(b -> *) key, t(c -> *) default_value) -> t(*)',
    'aten::setdefault.Tensor(Dict(Tensor, t)(a!) self, Tensor(b -> *) key, t(c -> *) default_value) -> t(*)',
  ],
  impl: {
    str: dictSetDefault,
    int: dictSetDefault,
    bool: dictSetDefault,
    float: dictSetDefault,
    Tensor: dictSetDefault,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('setdefault.str', [new Map<unknown, unknown>([['a', 1]]), 'a', 5], undefined, { compareArgs: [0] }),
    S.call('setdefault.str', [new Map<unknown, unknown>([['a', 1]]), 'b', 5], undefined, { compareArgs: [0] }),
    S.call('setdefault.int', [new Map<unknown, unknown>(), 3, 'x'], undefined, { compareArgs: [0] }),
    S.call('setdefault.bool', [new Map<unknown, unknown>([[true, 'y']]), true, 'x'], undefined, { compareArgs: [0] }),
    S.call('setdefault.float', [new Map<unknown, unknown>(), 0.25, 'x'], undefined, { compareArgs: [0] }),
    S.call(
      'setdefault.Tensor',
      [
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
        S.of([4]),
        'x',
      ],
      undefined,
      { compareArgs: [0] },
    ),
  ],
});
