import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import { full, numel } from '../core/helpers.js';
import { medianValues, outImpl } from '../groups/outs.js';
import { checkNonEmpty, evenlyDistribute, oneDim, reducedSizes, selectedBackward } from '../groups/reduce.js';
import { checkSortable, flatten } from '../groups/sorting.js';

const run: Record<string, ImplFn> = {
  // The lower median of all elements; NaN if there is one; NaN for an empty tensor.
  '': (args, ctx) => {
    const self = args.self;
    checkSortable('median_cpu', self.dtype);
    if (numel(self.sizes) === 0) return full(ctx, [], Number.NaN, self.dtype);
    const values = ctx.empty([], self.dtype);
    K.median(values, ctx.empty([], 'int64'), flatten(ctx, self), 0, false);
    return values;
  },
  dim: (args, ctx) => {
    const self = args.self;
    const nd = self.sizes.length;
    const d = oneDim(args.dim, nd);
    const keepdim = args.keepdim === true;
    checkSortable('median_out', self.dtype);
    if (nd > 0) checkNonEmpty('median', self, [d], false);
    const sizes = nd === 0 ? [] : reducedSizes(self.sizes, [d], keepdim);
    const values = ctx.empty(sizes, self.dtype);
    const indices = ctx.empty(sizes, 'int64');
    K.median(values, indices, self, d, keepdim);
    return [values, indices];
  },
};

export const median = defineOp({
  schemas: [
    'aten::median(Tensor self) -> Tensor',
    'aten::median.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)',
    'aten::median.dim_values(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
    'aten::median.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    ...run,
    'median.out': outImpl(run[''], ['out']),
    'median.dim_values': outImpl(run.dim, ['values', 'indices'], medianValues),
  },
  meta: {
    '': (args) => ({ sizes: [], dtype: args.self.dtype }),
    dim: (args) => {
      const nd = args.self.sizes.length;
      const sizes = nd === 0 ? [] : reducedSizes(args.self.sizes, [oneDim(args.dim, nd)], args.keepdim === true);
      return [
        { sizes, dtype: args.self.dtype },
        { sizes, dtype: 'int64' },
      ];
    },
  },
  derivative: {
    '': (F, { grad, self, result }) => ({ self: evenlyDistribute(F, grad, self, result, null, false) }),
    dim: (F, { grads, self, result, dim, keepdim }) => ({
      self:
        F.sizes(self).length === 0 ? grads[0] : selectedBackward(F, grads[0], self, dim, result[1], keepdim === true),
    }),
  },
  samples: (S) => {
    const nan = Number.NaN;
    return [
      S.call('median', [S.randn([3, 5])]),
      S.call('median', [S.randn([3, 4], 'transposed')]),
      S.call('median', [S.randn([3, 4], 'strided')]),
      S.call('median', [S.randn([6], 'offset')]),
      S.call('median', [S.randn([])]),
      S.call('median', [S.randn([0, 3])]),
      S.call('median', [S.of([1, nan, 3, 2])]),
      S.call('median', [S.ints([2, 3])]),
      S.call('median', [S.of([4, 1, 3, 2])]),
      S.call('median', [S.t([2, 3], { dtype: 'float64' })]),
      S.call('median.dim', [S.randn([3, 5]), 1]),
      S.call('median.dim', [S.randn([3, 5]), 0, true]),
      S.call('median.dim', [S.randn([2, 3, 4], 'transposed'), -2]),
      S.call('median.dim', [S.randn([3, 4], 'strided'), -1, true]),
      S.call('median.dim', [S.randn([]), 0]),
      S.call('median.dim', [S.randn([0, 3]), 1]),
      S.call('median.dim', [S.of([1, nan, 3, 2, 5, 4, 0, 6], [2, 4]), 1]),
      S.call('median.dim', [S.ints([3, 4], -5, 5, 'int32'), 0]),
      S.error('median', [S.bools([3])], `"median_cpu" not implemented for 'Bool'`),
      S.error('median', [S.t([3], { dtype: 'float16' })], `"median_cpu" not implemented for 'Half'`),
      S.error('median.dim', [S.bools([3]), 0], `"median_out" not implemented for 'Bool'`),
      S.error('median.dim', [S.randn([0, 3]), 0], 'median(): Expected reduction dim 0 to have non-zero size.'),
      S.error(
        'median.dim',
        [S.randn([3]), 1],
        'Dimension out of range (expected to be in range of [-1, 0], but got 1)',
      ),
      S.call('median.out', [S.randn([2, 3])], { out: S.t([], { dtype: 'float64' }) }),
      S.call('median.out', [S.randn([2, 3])], { out: S.ints([2]) }),
      S.error(
        'median.dim_values',
        [S.randn([2, 3]), 1],
        "Expected tensor for 'values' to have the same type as tensor for argument #2 'self'; but type torch.IntTensor does not equal torch.FloatTensor",
        {
          values: S.ints([2], -5, 5, 'int32'),
          indices: S.ints([2]),
        },
      ),
      S.call('median.out', [S.randn([3, 5])], { out: S.randn([]) }),
      S.call('median.dim_values', [S.randn([3, 5]), 1], { values: S.randn([3]), indices: S.ints([3]) }),
    ];
  },
});
