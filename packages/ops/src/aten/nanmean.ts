import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName, toDtype as dtypeArg, isFloatingDtype } from '../core/dtypes.js';
import { clone } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs } from '../core/tensor-like.js';
import { functionalMeta, outImpl, withOuts } from '../groups/outs.js';
import { reduceDims, reducedSizes, reduceMeta, reduceWith, restoreReduced } from '../groups/reduce.js';
import { CODE, reduceSamples } from '../groups/reduce-samples.js';
import { zeroNans } from './nansum.js';

function nanmeanDtype(args: OpArgs) {
  if (!isFloatingDtype(args.self.dtype)) {
    throw new OpError(
      `nanmean(): expected input to have floating point dtype but got ${cppDtypeName(args.self.dtype)}`,
    );
  }
  return args.dtype != null ? dtypeArg(args.dtype) : args.self.dtype;
}

export const nanmean = defineOp({
  schemas: [
    'aten::nanmean(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
    'aten::nanmean.out(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  // The sum of the numbers over how many there are (NaN where there are none).
  impl: withOuts(
    [''],
    (fn) => ({ 'nanmean.out': outImpl(fn, ['out']) }),
    (args, ctx) => {
      const dtype = nanmeanDtype(args);
      const self = args.self;
      const dims = reduceDims(args.dim, self.sizes.length);
      const keepdim = args.keepdim === true;
      const total = reduceWith(ctx, K.sum, zeroNans(ctx, clone(ctx, self, dtype)), dims, keepdim, dtype);
      const numbers = ctx.empty(self.sizes, 'bool');
      K.unary('isnan', numbers, self);
      K.unary('logical_not', numbers, numbers);
      const count = ctx.empty(reducedSizes(self.sizes, dims, keepdim), dtype);
      K.sum(count, numbers, self.sizes.length === 0 ? null : dims, keepdim);
      K.binary('div', total, total, count);
      return total;
    },
  ),
  meta: functionalMeta([''], reduceMeta(nanmeanDtype)),
  derivative: (F, { grad, self, dim, keepdim }) => {
    const sizes = F.sizes(self);
    const dims = reduceDims(dim ?? null, sizes.length);
    const nans = F.isnan(self);
    const count = dims.length ? F.sum(F.logicalNot(nans), dims, true) : F.logicalNot(nans);
    const g = F.div(restoreReduced(F, grad, sizes, dim ?? null, keepdim === true), count);
    return { self: F.maskedFill(F.expand(g, [...sizes]), nans, 0) };
  },
  samples: (S) => {
    const nan = Number.NaN;
    return [
      ...reduceSamples(S, { all: 'nanmean', dim: 'nanmean', dtypes: ['float64', 'float16'] }),
      S.call('nanmean', [S.of([1, nan, 3, nan, nan, nan], [2, 3])]),
      S.call('nanmean', [S.of([1, nan, 3, nan, nan, nan], [2, 3]), [1], true]),
      S.call('nanmean', [S.of([1, nan, 3, nan, nan, nan], [2, 3]), [0]], { dtype: CODE.float64 }),
      S.error('nanmean', [S.ints([2, 3])], 'nanmean(): expected input to have floating point dtype but got Long'),
      S.call('nanmean.out', [S.of([1, nan, 3, nan], [2, 2]), [1]], { out: S.randn([2]) }),
    ];
  },
});
