import { defineOp } from '../core/define-op.js';
import { intOct } from '../groups/py-strings.js';

export const oct = defineOp({
  schemas: ['aten::oct(int i) -> str'],
  impl: intOct,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('oct', [8]), S.call('oct', [-9]), S.call('oct', [0])],
});
