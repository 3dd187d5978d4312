import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { argReduce, argReduceMeta, argReduceSamples } from '../groups/arg-reduce.js';

export const argmax = defineOp({
  schemas: [
    'aten::argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor',
    'aten::argmax.out(Tensor self, int? dim=None, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: argReduce('argmax', K.argmax),
  meta: argReduceMeta,
  nondifferentiable: 'integer output (indices)',
  samples: (S) => argReduceSamples(S, 'argmax'),
});
