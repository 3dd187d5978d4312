import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cumExtreme, cumExtremeMeta, cumExtremeSamples } from '../groups/cum-extreme.js';
import { outImpl, scanValues, withOuts } from '../groups/outs.js';

export const cummax = defineOp({
  schemas: [
    'aten::cummax(Tensor self, int dim) -> (Tensor values, Tensor indices)',
    'aten::cummax.out(Tensor self, int dim, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ 'cummax.out': outImpl(fn, ['values', 'indices'], scanValues) }),
    cumExtreme(K.cummax, 'cummax_cpu'),
  ),
  meta: cumExtremeMeta,
  // A 0-d input passes its gradient straight through (its dim is not even checked).
  derivative: (F, { grads, self, result, dim }) => ({
    self: F.sizes(self).length === 0 ? grads[0] : F.cummaxminBackward(grads[0], self, result[1], dim),
  }),
  samples: (S) => cumExtremeSamples(S, 'cummax'),
});
