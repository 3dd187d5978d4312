import { defineOp } from '../core/define-op.js';
import { listSorted } from '../groups/py-lists.js';

/** `sorted(list)`: a new sorted list (stable). */
export const sorted = defineOp({
  schemas: [
    'aten::sorted.int(int[](a) input) -> int[]',
    'aten::sorted.float(float[](a) input) -> float[]',
    'aten::sorted.Tensor(Tensor[](a) input) -> Tensor[]',
    'aten::sorted.bool(bool[](a) input) -> bool[]',
    'aten::sorted.str(str[](a) input) -> str[]',
    'aten::sorted.any(t[](a) self) -> t[]',
  ],
  impl: { int: listSorted, float: listSorted, Tensor: listSorted, bool: listSorted, str: listSorted, any: listSorted },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('sorted.int', [[3, 1, 2, 1]]),
    S.call('sorted.float', [[2.5, S.float(1), -0.5]]),
    S.call('sorted.bool', [[true, false, true]]),
    S.call('sorted.str', [['b', 'a', 'ab', '']]),
    S.call('sorted.Tensor', [[S.of([3]), S.of([1]), S.of([2])]]),
    S.call('sorted.any', [
      [
        [2, 1],
        [1, 5],
        [1, 2, 0],
      ],
    ]),
    S.call('sorted.any', [[]]),
  ],
});
