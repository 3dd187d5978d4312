import { defineOp } from '../core/define-op.js';
import { dictClear } from '../groups/py-dicts.js';
import { listClear } from '../groups/py-lists.js';

export const clear = defineOp({
  schemas: [
    'aten::clear.t(t[](a!) self) -> ()',
    'aten::clear.str(Dict(str, t)(a!) self) -> ()',
    'aten::clear.int(Dict(int, t)(a!) self) -> ()',
    'aten::clear.bool(Dict(bool, t)(a!) self) -> ()',
    'aten::clear.float(Dict(float, t)(a!) self) -> ()',
    'aten::clear.Tensor(Dict(Tensor, t)(a!) self) -> ()',
  ],
  impl: { t: listClear, str: dictClear, int: dictClear, bool: dictClear, float: dictClear, Tensor: dictClear },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('clear.t', [[1, 2, 3]], undefined, { compareArgs: [0] }),
    S.call('clear.str', [new Map<unknown, unknown>([['a', 1]])], undefined, { compareArgs: [0] }),
    S.call('clear.int', [new Map<unknown, unknown>([[1, 1]])], undefined, { compareArgs: [0] }),
    S.call('clear.bool', [new Map<unknown, unknown>([[true, 1]])], undefined, { compareArgs: [0] }),
    S.call('clear.float', [new Map<unknown, unknown>([[1.5, 1]])], undefined, { compareArgs: [0] }),
    S.call(
      'clear.Tensor',
      [
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
