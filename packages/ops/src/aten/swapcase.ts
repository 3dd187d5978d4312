import { defineOp } from '../core/define-op.js';
import { strSwapcase } from '../groups/py-strings.js';

export const swapcase = defineOp({
  schemas: ['aten::swapcase(str self) -> str'],
  impl: strSwapcase,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('swapcase', ['AbC 1_x'])],
});
