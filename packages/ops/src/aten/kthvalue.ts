import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { oneDim, reducedSizes, selectedBackward } from '../groups/reduce.js';
import { checkSortable } from '../groups/sorting.js';

function kthSizes(self: { sizes: readonly number[] }, d: number, keepdim: boolean): number[] {
  return self.sizes.length === 0 ? [] : reducedSizes(self.sizes, [d], keepdim);
}

export const kthvalue = defineOp({
  schemas: [
    'aten::kthvalue(Tensor self, int k, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)',
    'aten::kthvalue.values(Tensor self, int k, int dim=-1, bool keepdim=False, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
  ],
  impl: (args, ctx) => {
    const self = args.self;
    const nd = self.sizes.length;
    const d = oneDim(args.dim, nd);
    const n = nd === 0 ? 1 : self.sizes[d];
    const keepdim = args.keepdim === true;
    if (args.k < 1 || args.k > n) throw new OpError(`kthvalue(): selected number k out of range for dimension ${d}`);
    checkSortable('kthvalue_cpu', self.dtype);
    const sizes = kthSizes(self, d, keepdim);
    const values = ctx.empty(sizes, self.dtype);
    const indices = ctx.empty(sizes, 'int64');
    K.kthvalue(values, indices, self, args.k, d, keepdim);
    return [values, indices];
  },
  meta: (args) => {
    const sizes = kthSizes(args.self, oneDim(args.dim, args.self.sizes.length), args.keepdim === true);
    return [
      { sizes, dtype: args.self.dtype },
      { sizes, dtype: 'int64' },
    ];
  },
  derivative: (F, { grads, self, result, dim, keepdim }) => ({
    self: F.sizes(self).length === 0 ? grads[0] : selectedBackward(F, grads[0], self, dim, result[1], keepdim === true),
  }),
  samples: (S) => [
    S.call('kthvalue', [S.randn([3, 5]), 2]),
    S.call('kthvalue', [S.randn([3, 5]), 3, 0]),
    S.call('kthvalue', [S.randn([3, 5]), 1, -1, true]),
    S.call('kthvalue', [S.randn([2, 3, 4], 'transposed'), 2, 1]),
    S.call('kthvalue', [S.randn([3, 4], 'strided'), 4]),
    S.call('kthvalue', [S.randn([6], 'offset'), 6]),
    S.call('kthvalue', [S.randn([]), 1]),
    S.call('kthvalue', [S.randn([0, 3]), 2]),
    S.call('kthvalue', [S.randn([40]), 17]),
    S.call('kthvalue', [S.of([1, Number.NaN, 3, 2, Number.NaN]), 4]),
    S.call('kthvalue', [S.of([1, Number.NaN, 3, 2, Number.NaN]), 2]),
    S.call('kthvalue', [S.of([4, -1, 7, 0, 2, 9, 3, -5, 1, 6, 8, -2, 5, -3, 10], [3, 5], 'int64'), 2, 1, true]),
    S.call('kthvalue', [S.t([3, 4], { dtype: 'float64' }), 3]),
    S.error('kthvalue', [S.randn([3, 4]), 5], 'kthvalue(): selected number k out of range for dimension 1'),
    S.error('kthvalue', [S.randn([3, 4]), 0, 0], 'kthvalue(): selected number k out of range for dimension 0'),
    S.error('kthvalue', [S.randn([]), 2], 'kthvalue(): selected number k out of range for dimension 0'),
    S.error('kthvalue', [S.bools([4]), 2], `"kthvalue_cpu" not implemented for 'Bool'`),
    S.error('kthvalue', [S.t([4], { dtype: 'float16' }), 2], `"kthvalue_cpu" not implemented for 'Half'`),
    S.call('kthvalue.values', [S.randn([3, 5]), 2], { values: S.randn([3]), indices: S.ints([3]) }),
  ],
});
