import { defineOp } from '../core/define-op.js';
import { momentDerivative, momentImpl, momentMeta, momentSamples } from '../groups/moments.js';
import { functionalMeta, outImpl, withOuts } from '../groups/outs.js';

export const varMean = defineOp({
  schemas: [
    'aten::var_mean(Tensor self, bool unbiased=True) -> (Tensor, Tensor)',
    'aten::var_mean.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)',
    'aten::var_mean.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> (Tensor, Tensor)',
    'aten::var_mean.correction_out(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False, Tensor(a!) out0, Tensor(b!) out1) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: withOuts(
    ['', 'dim', 'correction'],
    (fn) => ({ 'var_mean.correction_out': outImpl(fn, ['out0', 'out1']) }),
    momentImpl('var', true),
  ),
  meta: functionalMeta(['', 'dim', 'correction'], momentMeta('var', true)),
  derivative: momentDerivative('var', true),
  samples: (S) => momentSamples(S, 'var_mean'),
});
