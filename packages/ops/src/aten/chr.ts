import { defineOp } from '../core/define-op.js';
import { strChr } from '../groups/py-strings.js';

export const chr = defineOp({
  schemas: ['aten::chr(int i) -> str'],
  impl: strChr,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('chr', [97]),
    S.call('chr', [48]),
    S.error('chr', [-1], 'chr() arg not in range(0x110000), found -1'),
  ],
});
