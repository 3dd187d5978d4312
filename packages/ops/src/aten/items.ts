import { defineOp } from '../core/define-op.js';
import { dictItems } from '../groups/py-dicts.js';

export const items = defineOp({
  schemas: [
    'aten::items.str(Dict(str, t) self) -> ((str, t)[])',
    'aten::items.int(Dict(int, t) self) -> ((int, t)[])',
    'aten::items.bool(Dict(bool, t) self) -> ((bool, t)[])',
    'aten::items.float(Dict(float, t) self) -> ((float, t)[])',
    'aten::items.Tensor(Dict(Tensor, t) self) -> ((Tensor, t)[])',
  ],
  impl: { str: dictItems, int: dictItems, bool: dictItems, float: dictItems, Tensor: dictItems },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('items.str', [
      new Map<unknown, unknown>([
        ['b', 1],
        ['a', 2],
      ]),
    ]),
    S.call('items.int', [
      new Map<unknown, unknown>([
        [3, 'x'],
        [-1, 'y'],
      ]),
    ]),
    S.call('items.bool', [new Map<unknown, unknown>([[false, 1]])]),
    S.call('items.float', [
      new Map<unknown, unknown>([
        [S.float(2), 1],
        [0.5, 2],
      ]),
    ]),
    S.call('items.Tensor', [
      new Map<unknown, unknown>([
        [S.of([1, 2]), 'a'],
        [S.of([3], [], 'int64'), 'b'],
      ]),
    ]),
  ],
});
