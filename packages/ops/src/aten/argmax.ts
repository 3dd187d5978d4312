import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { argReduce, argReduceMeta, argReduceSamples } from '../groups/arg-reduce.js';
import { outImpl, strictDtype, withOuts } from '../groups/outs.js';

export const argmax = defineOp({
  schemas: [
    'aten::argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor',
    'aten::argmax.out(Tensor self, int? dim=None, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: withOuts([''], (fn) => ({ 'argmax.out': outImpl(fn, ['out'], strictDtype) }), argReduce('argmax', K.argmax)),
  meta: argReduceMeta,
  nondifferentiable: 'integer output (indices)',
  samples: (S) => argReduceSamples(S, 'argmax'),
});
