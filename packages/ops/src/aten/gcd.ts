import { defineOp } from '../core/define-op.js';
import { gcdInt } from '../groups/py-math.js';

export const gcd = defineOp({
  schemas: ['aten::gcd.int(int a, int b) -> int'],
  impl: { int: gcdInt },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('gcd.int', [12, 18]),
    S.call('gcd.int', [-12, 18]),
    S.call('gcd.int', [0, 0]),
    S.call('gcd.int', [7, 0]),
  ],
});
