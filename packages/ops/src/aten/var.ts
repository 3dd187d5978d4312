import { defineOp } from '../core/define-op.js';
import { momentDerivative, momentImpl, momentMeta, momentSamples } from '../groups/moments.js';

export const variance = defineOp({
  schemas: [
    'aten::var(Tensor self, bool unbiased=True) -> Tensor',
    'aten::var.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor',
    'aten::var.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> Tensor',
    'aten::var.out(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::var.correction_out(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: momentImpl('var', false),
  meta: momentMeta('var', false),
  derivative: momentDerivative('var', false),
  samples: (S) => momentSamples(S, 'var'),
});
