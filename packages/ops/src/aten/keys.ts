import { defineOp } from '../core/define-op.js';
import { dictKeys } from '../groups/py-dicts.js';

export const keys = defineOp({
  schemas: [
    'aten::keys.str(Dict(str, t) self) -> str[](*)',
    'aten::keys.int(Dict(int, t) self) -> int[](*)',
    'aten::keys.bool(Dict(bool, t) self) -> bool[](*)',
    'aten::keys.float(Dict(float, t) self) -> float[](*)',
    'aten::keys.Tensor(Dict(Tensor, t) self) -> Tensor[](*)',
  ],
  impl: { str: dictKeys, int: dictKeys, bool: dictKeys, float: dictKeys, Tensor: dictKeys },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('keys.str', [
      new Map<unknown, unknown>([
        ['b', 1],
        ['a', 2],
      ]),
    ]),
    S.call('keys.int', [
      new Map<unknown, unknown>([
        [3, 'x'],
        [-1, 'y'],
      ]),
    ]),
    S.call('keys.bool', [new Map<unknown, unknown>([[true, 1]])]),
    S.call('keys.float', [
      new Map<unknown, unknown>([
        [S.float(2), 1],
        [0.5, 2],
      ]),
    ]),
    S.call('keys.str', [new Map<unknown, unknown>()]),
    S.call('keys.Tensor', [
      new Map<unknown, unknown>([
        [S.of([1, 2]), 'a'],
        [S.of([3], [], 'int64'), 'b'],
      ]),
    ]),
  ],
});
