import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { argReduce, argReduceMeta, argReduceSamples } from '../groups/arg-reduce.js';
import { outImpl, strictDtype, withOuts } from '../groups/outs.js';

export const argmin = defineOp({
  schemas: [
    'aten::argmin(Tensor self, int? dim=None, bool keepdim=False) -> Tensor',
    'aten::argmin.out(Tensor self, int? dim=None, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: withOuts([''], (fn) => ({ 'argmin.out': outImpl(fn, ['out'], strictDtype) }), argReduce('argmin', K.argmin)),
  meta: argReduceMeta,
  nondifferentiable: 'integer output (indices)',
  samples: (S) => argReduceSamples(S, 'argmin'),
});
