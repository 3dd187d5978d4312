import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { accumulateScan, accumulateScanMeta, reverseScan, scanDim, scanSamples } from '../groups/scan.js';

export const cumsum = defineOp({
  schemas: [
    'aten::cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor',
    'aten::cumsum.out(Tensor self, int dim, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::cumsum_(Tensor(a!) self, int dim, *, ScalarType? dtype=None) -> Tensor(a!)',
  ],
  impl: accumulateScan(K.cumsum, 'cumsum_out_cpu'),
  meta: accumulateScanMeta('cumsum'),
  // Each input reaches every later output: the gradient is the reverse cumulative sum.
  derivative: (F, { grad, self, dim }) => {
    const d = scanDim(F, self, dim);
    return { self: d === null ? grad : reverseScan(F, grad, d, (u) => F.cumsum(u, d)) };
  },
  samples: (S) => [
    ...scanSamples(S, 'cumsum', {
      inplace: true,
      dtypeArg: true,
      dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'bfloat16'],
    }),
    S.error('cumsum', [S.t([3], { dtype: 'float16' }), 0], `"cumsum_out_cpu" not implemented for 'Half'`),
  ],
});
