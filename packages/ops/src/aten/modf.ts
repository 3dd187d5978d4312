import { defineOp } from '../core/define-op.js';
import { modfImpl } from '../groups/py-math.js';

export const modf = defineOp({
  schemas: ['aten::modf(float a) -> (float, float)'],
  impl: modfImpl,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('modf', [2.5]), S.call('modf', [-2.5]), S.call('modf', [S.float(3)])],
});
