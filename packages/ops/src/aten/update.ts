import { defineOp } from '../core/define-op.js';
import { dictUpdate } from '../groups/py-dicts.js';

export const update = defineOp({
  schemas: [
    'aten::update.str(Dict(str, t)(a!) self, Dict(str, t)(a!) to_add) -> ()',
    'aten::update.int(Dict(int, t)(a!) self, Dict(int, t)(a!) to_add) -> ()',
    'aten::update.bool(Dict(bool, t)(a!) self, Dict(bool, t)(a!) to_add) -> ()',
    'aten::update.float(Dict(float, t)(a!) self, Dict(float, t)(a!) to_add) -> ()',
    'aten::update.Tensor(Dict(Tensor, t)(a!) self, Dict(Tensor, t)(a!) to_add) -> ()',
  ],
  impl: { str: dictUpdate, int: dictUpdate, bool: dictUpdate, float: dictUpdate, Tensor: dictUpdate },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call(
      'update.str',
      [
        new Map<unknown, unknown>([
          ['a', 1],
          ['b', 2],
        ]),
        new Map<unknown, unknown>([
          ['b', 3],
          ['c', 4],
        ]),
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.call('update.int', [new Map<unknown, unknown>(), new Map<unknown, unknown>([[1, 'a']])], undefined, {
      compareArgs: [0],
    }),
    S.call('update.bool', [new Map<unknown, unknown>([[true, 1]]), new Map<unknown, unknown>()], undefined, {
      compareArgs: [0],
    }),
    S.call(
      'update.float',
      [new Map<unknown, unknown>([[S.float(1), 1]]), new Map<unknown, unknown>([[S.float(1), 2]])],
      undefined,
      { compareArgs: [0] },
    ),
    S.call(
      'update.Tensor',
      [
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
      ],
      undefined,
      { compareArgs: [0] },
    ),
  ],
});
