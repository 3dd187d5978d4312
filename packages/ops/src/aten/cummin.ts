import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cumExtreme, cumExtremeMeta, cumExtremeSamples } from '../groups/cum-extreme.js';

export const cummin = defineOp({
  schemas: [
    'aten::cummin(Tensor self, int dim) -> (Tensor values, Tensor indices)',
    'aten::cummin.out(Tensor self, int dim, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
  ],
  impl: cumExtreme(K.cummin, 'cummin_cpu'),
  meta: cumExtremeMeta,
  derivative: (F, { grads, self, result, dim }) => ({ self: F.cummaxminBackward(grads[0], self, result[1], dim) }),
  samples: (S) => cumExtremeSamples(S, 'cummin'),
});
