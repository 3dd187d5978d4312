import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { accumulateOutImpl, inplaceImpl, withOuts } from '../groups/outs.js';
import { CODE } from '../groups/reduce-samples.js';
import { accumulateScan, accumulateScanMeta, reverseScan, scanDim, scanSamples } from '../groups/scan.js';

export const cumsum = defineOp({
  schemas: [
    'aten::cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor',
    'aten::cumsum.out(Tensor self, int dim, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::cumsum_(Tensor(a!) self, int dim, *, ScalarType? dtype=None) -> Tensor(a!)',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ 'cumsum.out': accumulateOutImpl(fn), cumsum_: inplaceImpl(fn) }),
    accumulateScan(K.cumsum, 'cumsum_out_cpu'),
  ),
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
    S.call('cumsum.out', [S.of([1.75, 1.75, -2.5]), 0], { out: S.ints([3]) }),
    S.call('cumsum.out', [S.ints([2, 3]), 1], { out: S.t([2, 3], { dtype: 'float64' }) }),
    S.error('cumsum.out', [S.randn([3]), 0], 'Expected out tensor to have dtype long int, but got float instead', {
      dtype: CODE.int64,
      out: S.randn([3]),
    }),
    S.call('cumsum_', [S.randn([4]), 0], { dtype: CODE.float32 }),
    S.error(
      'cumsum_',
      [S.randn([3]), 0],
      'Bad in-place call: input tensor dtype float and output tensor dtype double should match',
      {
        dtype: CODE.float64,
      },
    ),
    S.error('cumsum_', [S.bools([3]), 0], `"cumsum_out_cpu" not implemented for 'Bool'`),
    S.error('cumsum', [S.bools([3]), 0], `"cumsum_out_cpu" not implemented for 'Bool'`, { dtype: CODE.bool }),
    S.error('cumsum.out', [S.randn([3]), 0], `"cumsum_out_cpu" not implemented for 'Bool'`, { out: S.bools([3]) }),
    S.error('cumsum', [S.t([3], { dtype: 'float16' }), 0], `"cumsum_out_cpu" not implemented for 'Half'`),
  ],
});
