import { defineOp } from '../core/define-op.js';
import { frexpImpl } from '../groups/py-math.js';

export const frexp = defineOp({
  schemas: ['aten::frexp(float a) -> (float, int)'],
  impl: frexpImpl,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('frexp', [8.5]),
    S.call('frexp', [-0.1]),
    S.call('frexp', [S.float(0)]),
    S.call('frexp', [S.float(1)]),
  ],
});
