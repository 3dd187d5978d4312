import { defineOp } from '../core/define-op.js';
import { momentDerivative, momentImpl, momentMeta, momentSamples } from '../groups/moments.js';
import { functionalMeta, outImpl, withOuts } from '../groups/outs.js';

export const variance = defineOp({
  schemas: [
    'aten::var(Tensor self, bool unbiased=True) -> Tensor',
    'aten::var.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor',
    'aten::var.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> Tensor',
    'aten::var.out(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::var.correction_out(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: withOuts(
    ['', 'dim', 'correction'],
    (fn) => ({ 'var.out': outImpl(fn, ['out']), 'var.correction_out': outImpl(fn, ['out']) }),
    momentImpl('var', false),
  ),
  meta: functionalMeta(['', 'dim', 'correction'], momentMeta('var', false)),
  derivative: momentDerivative('var', false),
  samples: (S) => momentSamples(S, 'var'),
});
