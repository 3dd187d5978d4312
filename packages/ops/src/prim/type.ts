import { defineOp } from '../core/define-op.js';
import { deviceText, PyDevice } from '../groups/py-values.js';

/** `device.type`. */
export const type = defineOp({
  schemas: ['prim::type(Device self) -> str'],
  impl: ({ self }) => new PyDevice(deviceText(self)).type,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('prim::type', [new PyDevice('cpu')]), S.call('prim::type', [new PyDevice('cuda:1')])],
});
