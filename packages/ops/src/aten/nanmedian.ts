import { defineOp, type ImplFn } from '../core/define-op.js';
import { full, numel } from '../core/helpers.js';
import { medianValues, outImpl } from '../groups/outs.js';
import { evenlyDistribute, oneDim, reducedSizes, selectedBackward } from '../groups/reduce.js';
import { checkSortable, flatten, nanmedianAlong } from '../groups/sorting.js';

const run: Record<string, ImplFn> = {
  // The lower median of the elements that are not NaN (NaN when there are none).
  '': (args, ctx) => {
    const self = args.self;
    checkSortable('median_cpu', self.dtype);
    if (numel(self.sizes) === 0) return full(ctx, [], Number.NaN, self.dtype);
    const [values] = nanmedianAlong(ctx, flatten(ctx, self), 0, false);
    return values;
  },
  dim: (args, ctx) => {
    checkSortable('median_out', args.self.dtype);
    return nanmedianAlong(ctx, args.self, args.dim, args.keepdim === true);
  },
};

export const nanmedian = defineOp({
  schemas: [
    'aten::nanmedian(Tensor self) -> Tensor',
    'aten::nanmedian.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)',
    'aten::nanmedian.dim_values(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
    'aten::nanmedian.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    ...run,
    'nanmedian.out': outImpl(run[''], ['out']),
    'nanmedian.dim_values': outImpl(run.dim, ['values', 'indices'], medianValues),
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
    const withNans = () => S.of([1.5, nan, 3.25, 2, nan, nan, 0.5, -1, 4, 3, 2.5, 1], [3, 4]);
    return [
      S.call('nanmedian', [S.randn([3, 5])]),
      S.call('nanmedian', [S.randn([3, 4], 'transposed')]),
      S.call('nanmedian', [S.randn([3, 4], 'strided')]),
      S.call('nanmedian', [S.randn([6], 'offset')]),
      S.call('nanmedian', [S.randn([])]),
      S.call('nanmedian', [S.randn([0, 3])]),
      S.call('nanmedian', [withNans()]),
      S.call('nanmedian', [S.of([nan, nan, nan])]),
      S.call('nanmedian', [S.of([5, 1, 3, 2], [4], 'int64')]),
      S.call('nanmedian', [S.t([2, 3], { dtype: 'float64' })]),
      S.call('nanmedian.dim', [S.randn([3, 5]), 1]),
      S.call('nanmedian.dim', [S.randn([3, 5]), 0, true]),
      S.call('nanmedian.dim', [S.randn([2, 3, 4], 'transposed'), -2]),
      S.call('nanmedian.dim', [S.randn([3, 4], 'strided'), -1, true]),
      S.call('nanmedian.dim', [S.randn([]), 0]),
      S.call('nanmedian.dim', [S.randn([0, 3]), 1]),
      S.call('nanmedian.dim', [withNans(), 1]),
      S.call('nanmedian.dim', [withNans(), 0, true]),
      S.call('nanmedian.dim', [S.of([4, 1, 3, 0, 5, 2], [2, 3], 'int32'), 1]),
      S.error('nanmedian', [S.bools([3])], `"median_cpu" not implemented for 'Bool'`),
      S.error('nanmedian', [S.t([3], { dtype: 'float16' })], `"median_cpu" not implemented for 'Half'`),
      S.error('nanmedian.dim', [S.randn([0, 3]), 0], 'median(): Expected reduction dim 0 to have non-zero size.'),
      S.error(
        'nanmedian.dim',
        [S.randn([3]), 1],
        'Dimension out of range (expected to be in range of [-1, 0], but got 1)',
      ),
      S.call('nanmedian.out', [S.randn([2, 3])], { out: S.t([], { dtype: 'float64' }) }),
      S.call('nanmedian.out', [S.randn([2, 3])], { out: S.ints([2]) }),
      S.error(
        'nanmedian.dim_values',
        [S.randn([2, 3]), 1],
        "Expected tensor for 'values' to have the same type as tensor for argument #2 'self'; but type torch.IntTensor does not equal torch.FloatTensor",
        {
          values: S.ints([2], -5, 5, 'int32'),
          indices: S.ints([2]),
        },
      ),
      S.call('nanmedian.out', [withNans()], { out: S.randn([]) }),
      S.call('nanmedian.dim_values', [withNans(), 1], { values: S.randn([3]), indices: S.ints([3]) }),
    ];
  },
});
