import { defineOp } from '../core/define-op.js';
import { factorialInt } from '../groups/py-math.js';

export const factorial = defineOp({
  schemas: ['aten::factorial.int(int a) -> int'],
  impl: { int: factorialInt },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('factorial.int', [0]),
    S.call('factorial.int', [5]),
    S.call('factorial.int', [20]),
    S.error('factorial.int', [-1], 'factorial() not defined for negative values'),
  ],
});
