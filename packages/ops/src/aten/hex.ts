import { defineOp } from '../core/define-op.js';
import { intHex } from '../groups/py-strings.js';

export const hex = defineOp({
  schemas: ['aten::hex(int i) -> str'],
  impl: intHex,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('hex', [255]), S.call('hex', [-255]), S.call('hex', [0])],
});
