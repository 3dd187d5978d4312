import { defineOp } from '../core/define-op.js';
import { intBin } from '../groups/py-strings.js';

export const bin = defineOp({
  schemas: ['aten::bin(int i) -> str'],
  impl: intBin,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('bin', [5]), S.call('bin', [-5]), S.call('bin', [0])],
});
