import { defineOp } from '../core/define-op.js';
import { boolFromNumber, boolFromTensor } from '../groups/py-convert.js';

/** `bool(x)`. */
export const Bool = defineOp({
  schemas: [
    'aten::Bool.Tensor(Tensor a) -> bool',
    'aten::Bool.int(int a) -> bool',
    'aten::Bool.float(float a) -> bool',
  ],
  impl: { Tensor: boolFromTensor, int: boolFromNumber, float: boolFromNumber },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('Bool.Tensor', [S.of([0], [1])]),
    S.call('Bool.Tensor', [S.of([2], [], 'int64')]),
    S.error('Bool.Tensor', [S.of([1, 2])], 'Boolean value of Tensor with more than one value is ambiguous'),
    S.error('Bool.Tensor', [S.of([], [0])], 'Boolean value of Tensor with no values is ambiguous'),
    S.call('Bool.int', [0]),
    S.call('Bool.int', [-3]),
    S.call('Bool.float', [S.float(0)]),
    S.call('Bool.float', [0.5]),
  ],
});
