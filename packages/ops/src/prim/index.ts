import { defineOp } from '../core/define-op.js';
import { deviceText, PyDevice } from '../groups/py-values.js';

/** `device.index` (None when the device has none). */
export const index = defineOp({
  schemas: ['prim::index(Device self) -> int?'],
  impl: ({ self }) => new PyDevice(deviceText(self)).index,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('prim::index', [new PyDevice('cpu')]), S.call('prim::index', [new PyDevice('cuda:1')])],
});
