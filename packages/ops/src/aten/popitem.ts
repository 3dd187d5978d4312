import { defineOp } from '../core/define-op.js';
import { dictPopItem } from '../groups/py-dicts.js';

export const popitem = defineOp({
  schemas: [
    'aten::popitem.str(Dict(str, t)(a!) self) -> ((str, t))',
    'aten::popitem.int(Dict(int, t)(a!) self) -> ((int, t))',
    'aten::popitem.bool(Dict(bool, t)(a!) self) -> ((bool, t))',
    'aten::popitem.float(Dict(float, t)(a!) self) -> ((float, t))',
    'aten::popitem.Tensor(Dict(Tensor, t)(a!) self) -> ((Tensor, t))',
  ],
  impl: { str: dictPopItem, int: dictPopItem, bool: dictPopItem, float: dictPopItem, Tensor: dictPopItem },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call(
      'popitem.str',
      [
        new Map<unknown, unknown>([
          ['a', 1],
          ['b', 2],
        ]),
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.call('popitem.int', [new Map<unknown, unknown>([[1, 'x']])], undefined, { compareArgs: [0] }),
    S.call(
      'popitem.bool',
      [
        new Map<unknown, unknown>([
          [true, 'x'],
          [false, 'y'],
        ]),
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.call('popitem.float', [new Map<unknown, unknown>([[S.float(2), 'x']])], undefined, { compareArgs: [0] }),
    S.call(
      'popitem.Tensor',
      [
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
      ],
      undefined,
      { compareArgs: [0] },
    ),
    S.error('popitem.str', [new Map<unknown, unknown>()], 'popitem(): dictionary is empty'),
  ],
});
