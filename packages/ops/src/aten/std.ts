import { defineOp } from '../core/define-op.js';
import { momentDerivative, momentImpl, momentMeta, momentSamples } from '../groups/moments.js';
import { functionalMeta, outImpl, withOuts } from '../groups/outs.js';

export const std = defineOp({
  schemas: [
    'aten::std(Tensor self, bool unbiased=True) -> Tensor',
    'aten::std.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor',
    'aten::std.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> Tensor',
    'aten::std.out(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::std.correction_out(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: withOuts(
    ['', 'dim', 'correction'],
    (fn) => ({ 'std.out': outImpl(fn, ['out']), 'std.correction_out': outImpl(fn, ['out']) }),
    momentImpl('std', false),
  ),
  meta: functionalMeta(['', 'dim', 'correction'], momentMeta('std', false)),
  derivative: momentDerivative('std', false),
  samples: (S) => momentSamples(S, 'std'),
});
