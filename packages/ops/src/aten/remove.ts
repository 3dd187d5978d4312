import { defineOp } from '../core/define-op.js';
import { listRemove } from '../groups/py-lists.js';

export const remove = defineOp({
  schemas: [
    'aten::remove.int(int[](a!) self, int el) -> ()',
    'aten::remove.float(float[](a!) self, float el) -> ()',
    'aten::remove.bool(bool[](a!) self, bool el) -> ()',
    'aten::remove.Tensor(Tensor[](a!) self, Tensor el) -> ()',
    'aten::remove.str(str[](a!) self, str el) -> ()',
  ],
  impl: { int: listRemove, float: listRemove, bool: listRemove, Tensor: listRemove, str: listRemove },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('remove.int', [[1, 2, 1], 1], undefined, { compareArgs: [0] }),
    S.call('remove.float', [[S.float(1), 2.5], 2.5], undefined, { compareArgs: [0] }),
    S.call('remove.bool', [[true, false], false], undefined, { compareArgs: [0] }),
    S.call('remove.str', [['a', 'b'], 'b'], undefined, { compareArgs: [0] }),
    S.call('remove.Tensor', [[S.of([1]), S.of([2])], S.of([2])], undefined, { compareArgs: [0] }),
    S.error('remove.int', [[1, 2], 3], 'list.remove(x): x not in list'),
    S.error('remove.str', [[], 'a'], 'list.remove(x): x not in list'),
  ],
});
