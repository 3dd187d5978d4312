import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { outImpl, strictDtype, withOuts } from '../groups/outs.js';
import { oneDim, selectedBackward } from '../groups/reduce.js';
import { checkSortable } from '../groups/sorting.js';

function topkSizes(self: { sizes: readonly number[] }, k: number, d: number): number[] {
  return self.sizes.length === 0 ? [] : self.sizes.map((s, i) => (i === d ? k : s));
}

export const topk = defineOp({
  schemas: [
    'aten::topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)',
    'aten::topk.values(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
  ],
  // The kernel always returns the k elements in sorted order, a valid answer for sorted=False too.
  impl: withOuts(
    [''],
    (fn) => ({
      'topk.values': outImpl(fn, ['values', 'indices'], strictDtype),
    }),
    (args, ctx) => {
      const self = args.self;
      const d = oneDim(args.dim, self.sizes.length);
      const n = self.sizes.length === 0 ? 1 : self.sizes[d];
      const k = args.k;
      if (k < 0 || k > n) throw new OpError('selected index k out of range');
      checkSortable('topk_cpu', self.dtype);
      const sizes = topkSizes(self, k, d);
      const values = ctx.empty(sizes, self.dtype);
      const indices = ctx.empty(sizes, 'int64');
      K.topk(values, indices, self, k, d, args.largest !== false);
      return [values, indices];
    },
  ),
  meta: (args) => {
    const sizes = topkSizes(args.self, args.k, oneDim(args.dim, args.self.sizes.length));
    return [
      { sizes, dtype: args.self.dtype },
      { sizes, dtype: 'int64' },
    ];
  },
  derivative: (F, { grads, self, result, dim }) => ({
    self: F.sizes(self).length === 0 ? grads[0] : selectedBackward(F, grads[0], self, dim, result[1], true),
  }),
  samples: (S) => [
    S.call('topk', [S.randn([3, 5]), 2]),
    S.call('topk', [S.randn([3, 5]), 2, 0]),
    S.call('topk', [S.randn([3, 5]), 3, -1, false]),
    S.call('topk', [S.randn([2, 3, 4], 'transposed'), 2, 1]),
    S.call('topk', [S.randn([3, 4], 'strided'), 4]),
    S.call('topk', [S.randn([6], 'offset'), 1]),
    S.call('topk', [S.randn([3, 5]), 0]),
    S.call('topk', [S.randn([]), 1]),
    S.call('topk', [S.randn([]), 0]),
    S.call('topk', [S.randn([0, 3]), 2]),
    S.call('topk', [S.randn([40]), 5]),
    S.call('topk', [S.of([1, Number.NaN, 3, 2, Number.NaN]), 2]),
    S.call('topk', [S.of([1, Number.NaN, 3, 2, Number.NaN]), 2, 0, false]),
    // Integer rows without ties: PyTorch leaves the order of equal elements unspecified.
    S.call('topk', [S.of([4, -1, 7, 0, 2, 9, 3, -5, 1, 6, 8, -2, 5, -3, 10], [3, 5], 'int64'), 2]),
    S.call('topk', [S.of([4, -1, 7, 0, 2, 9, 3, -5, 1, 6, 8, -2, 5, -3, 10], [3, 5], 'int32'), 2, 0, false]),
    S.call('topk', [S.t([3, 4], { dtype: 'float64' }), 3]),
    S.call('topk', [S.t([3, 4], { dtype: 'bfloat16' }), 2]),
    S.call('topk', [S.randn([3, 5]), 3, 1, true, false], undefined, { check: 'meta' }),
    S.call('topk', [S.randn([3, 5]), 3, 1, false, false], undefined, { check: 'meta' }),
    S.error('topk', [S.randn([3, 4]), 5], 'selected index k out of range'),
    S.error('topk', [S.randn([3, 4]), -1], 'selected index k out of range'),
    S.error('topk', [S.randn([]), 2], 'selected index k out of range'),
    S.error('topk', [S.bools([4]), 2], `"topk_cpu" not implemented for 'Bool'`),
    S.error('topk', [S.t([4], { dtype: 'float16' }), 2], `"topk_cpu" not implemented for 'Half'`),
    S.error('topk', [S.randn([3, 4]), 1, 2], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'),
    S.call('topk.values', [S.randn([3, 5]), 2], { values: S.randn([3, 2]), indices: S.ints([3, 2]) }),
    S.call('topk.values', [S.randn([3, 5]), 2, 0], { values: S.randn([0]), indices: S.ints([0]) }),
    S.error('topk.values', [S.randn([5]), 2], 'Expected out tensor to have dtype float, but got double instead', {
      values: S.t([2], { dtype: 'float64' }),
      indices: S.ints([2]),
    }),
  ],
});
