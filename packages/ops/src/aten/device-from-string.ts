import { defineOp } from '../core/define-op.js';
import { parseDevice } from '../groups/py-values.js';

/** `torch.device(text)`. */
export const deviceFromString = defineOp({
  schemas: ['aten::device(str a) -> Device'],
  impl: ({ a }) => parseDevice(a),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('device', ['cpu']),
    S.call('device', ['cuda:1']),
    S.call('device', ['meta']),
    S.error('device', ['foo'], 'Expected one of cpu, cuda'),
    S.error('device', ['cpu:x'], 'Invalid device string'),
  ],
});
