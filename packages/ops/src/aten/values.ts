import { defineOp } from '../core/define-op.js';
import { dictValues } from '../groups/py-dicts.js';

export const values = defineOp({
  schemas: [
    'aten::values.str(Dict(str, t) self) -> t[](*)',
    'aten::values.int(Dict(int, t) self) -> t[](*)',
    'aten::values.bool(Dict(bool, t) self) -> t[](*)',
    'aten::values.float(Dict(float, t) self) -> t[](*)',
    'aten::values.Tensor(Dict(Tensor, t) self) -> t[](*)',
  ],
  impl: { str: dictValues, int: dictValues, bool: dictValues, float: dictValues, Tensor: dictValues },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('values.str', [
      new Map<unknown, unknown>([
        ['b', 1],
        ['a', 2],
      ]),
    ]),
    S.call('values.int', [
      new Map<unknown, unknown>([
        [3, 'x'],
        [-1, 'y'],
      ]),
    ]),
    S.call('values.bool', [new Map<unknown, unknown>([[true, [1]]])]),
    S.call('values.float', [
      new Map<unknown, unknown>([
        [S.float(2), S.float(1)],
        [0.5, 2.5],
      ]),
    ]),
    S.call('values.Tensor', [
      new Map<unknown, unknown>([
        [S.of([1, 2]), 'a'],
        [S.of([3], [], 'int64'), 'b'],
      ]),
    ]),
  ],
});
