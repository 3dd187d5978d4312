import { defineOp } from '../core/define-op.js';
import { momentDerivative, momentImpl, momentMeta, momentSamples } from '../groups/moments.js';
import { functionalMeta, outImpl, withOuts } from '../groups/outs.js';

export const stdMean = defineOp({
  schemas: [
    'aten::std_mean(Tensor self, bool unbiased=True) -> (Tensor, Tensor)',
    'aten::std_mean.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)',
    'aten::std_mean.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> (Tensor, Tensor)',
    'aten::std_mean.correction_out(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False, Tensor(a!) out0, Tensor(b!) out1) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: withOuts(
    ['', 'dim', 'correction'],
    (fn) => ({ 'std_mean.correction_out': outImpl(fn, ['out0', 'out1']) }),
    momentImpl('std', true),
  ),
  meta: functionalMeta(['', 'dim', 'correction'], momentMeta('std', true)),
  derivative: momentDerivative('std', true),
  samples: (S) => momentSamples(S, 'std_mean'),
});
