import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import type { Functions } from '../core/tensor-like.js';
import { accumulateOutImpl, inplaceImpl, withOuts } from '../groups/outs.js';
import type { Value } from '../groups/reduce.js';
import { CODE } from '../groups/reduce-samples.js';
import { accumulateScan, accumulateScanMeta, scanDim, scanSamples } from '../groups/scan.js';

/**
 * d out_j / d x_i = prod_{k <= j, k != i} x_k for j >= i. Built as an n x n table per row (x with
 * its diagonal replaced by ones, cumulated along the last dim), so that zeros in x need no division.
 */
function cumprodBackward(F: Functions, g: Value, x: Value, dim: number): Value {
  const n = F.sizes(x)[dim];
  if (n === 0) return g;
  const xt = F.transpose(x, dim, -1);
  const gt = F.transpose(g, dim, -1);
  const sizes = [...F.sizes(xt)];
  const table = F.expand(F.unsqueeze(xt, -2), [...sizes.slice(0, -1), n, n]);
  const others = F.where(F.eye(n, { dtype: 'bool' }), 1, table);
  const partial = F.cumprod(others, -1);
  const terms = F.triu(F.mul(partial, F.unsqueeze(gt, -2)));
  return F.transpose(F.sum(terms, [-1]), dim, -1);
}

export const cumprod = defineOp({
  schemas: [
    'aten::cumprod(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor',
    'aten::cumprod.out(Tensor self, int dim, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::cumprod_(Tensor(a!) self, int dim, *, ScalarType? dtype=None) -> Tensor(a!)',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ 'cumprod.out': accumulateOutImpl(fn), cumprod_: inplaceImpl(fn) }),
    accumulateScan(K.cumprod, 'cumprod_out_cpu'),
  ),
  meta: accumulateScanMeta('cumprod'),
  derivative: (F, { grad, self, dim }) => {
    const d = scanDim(F, self, dim);
    return { self: d === null ? grad : cumprodBackward(F, grad, self, d) };
  },
  samples: (S) => [
    ...scanSamples(S, 'cumprod', {
      inplace: true,
      dtypeArg: true,
      low: -2,
      high: 2,
      dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'bfloat16'],
    }),
    S.call('cumprod', [S.of([2, 0, 3, 4, 0, 5]), 0]),
    S.call('cumprod.out', [S.of([1.75, 1.75, -2.5]), 0], { out: S.ints([3]) }),
    S.call('cumprod.out', [S.ints([2, 3]), 1], { out: S.t([2, 3], { dtype: 'float64' }) }),
    S.error('cumprod.out', [S.randn([3]), 0], 'Expected out tensor to have dtype long int, but got float instead', {
      dtype: CODE.int64,
      out: S.randn([3]),
    }),
    S.call('cumprod_', [S.randn([4]), 0], { dtype: CODE.float32 }),
    S.error(
      'cumprod_',
      [S.randn([3]), 0],
      'Bad in-place call: input tensor dtype float and output tensor dtype double should match',
      {
        dtype: CODE.float64,
      },
    ),
    S.error('cumprod_', [S.bools([3]), 0], `"cumprod_out_cpu" not implemented for 'Bool'`),
    S.error('cumprod', [S.bools([3]), 0], `"cumprod_out_cpu" not implemented for 'Bool'`, { dtype: CODE.bool }),
    S.error('cumprod.out', [S.randn([3]), 0], `"cumprod_out_cpu" not implemented for 'Bool'`, { out: S.bools([3]) }),
    S.error('cumprod', [S.t([3], { dtype: 'float16' }), 0], `"cumprod_out_cpu" not implemented for 'Half'`),
  ],
});
