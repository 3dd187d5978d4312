import { defineOp } from '../core/define-op.js';
import { PyDevice } from '../groups/py-values.js';

/** `t.device`. */
export const device = defineOp({
  schemas: ['prim::device(Tensor a) -> Device'],
  impl: () => new PyDevice('cpu'),
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::device', [S.randn([2])]), S.call('prim::device', [S.t([], { dtype: 'bool' })])],
});
