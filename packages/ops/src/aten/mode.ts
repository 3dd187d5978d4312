import { defineOp } from '../core/define-op.js';
import { oneDim, reducedSizes, selectedBackward } from '../groups/reduce.js';
import { modeAlong } from '../groups/sorting.js';

export const mode = defineOp({
  schemas: [
    'aten::mode(Tensor self, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)',
    'aten::mode.values(Tensor self, int dim=-1, bool keepdim=False, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
  ],
  impl: (args, ctx) => modeAlong(ctx, args.self, args.dim, args.keepdim === true),
  meta: (args) => {
    const nd = args.self.sizes.length;
    const sizes = nd === 0 ? [] : reducedSizes(args.self.sizes, [oneDim(args.dim, nd)], args.keepdim === true);
    return [
      { sizes, dtype: args.self.dtype },
      { sizes, dtype: 'int64' },
    ];
  },
  derivative: (F, { grads, self, result, dim, keepdim }) => ({
    self: F.sizes(self).length === 0 ? grads[0] : selectedBackward(F, grads[0], self, dim, result[1], keepdim === true),
  }),
  samples: (S) => [
    S.call('mode', [S.ints([3, 6], 0, 3)]),
    S.call('mode', [S.ints([3, 6], 0, 3), 0]),
    S.call('mode', [S.ints([3, 6], 0, 3), -2, true]),
    S.call('mode', [S.of([1, 2, 2, 3, 3, 4, 4, 1, 1, 0], [2, 5], 'int64')]),
    S.call('mode', [S.of([1, 2, 2, 3, 3, 4, 4, 1, 1, 0], [2, 5]), 0]),
    S.call('mode', [S.t([2, 3, 4], { dtype: 'int32', layout: 'transposed', low: 0, high: 2 }), 1]),
    S.call('mode', [S.t([3, 4], { dtype: 'int64', layout: 'strided', low: 0, high: 2 })]),
    S.call('mode', [S.t([7], { dtype: 'float64', layout: 'offset', low: 0, high: 2 })]),
    S.call('mode', [S.expand(S.of([2, 1, 2], [3], 'int64'), [2, 3]), 0]),
    S.call('mode', [S.randn([4])]),
    S.call('mode', [S.bools([3, 5])]),
    S.call('mode', [S.t([6], { dtype: 'uint8', low: 0, high: 3 })]),
    S.call('mode', [S.t([6], { dtype: 'float16', low: 0, high: 2 })]),
    S.call('mode', [S.randn([])]),
    S.call('mode', [S.randn([0, 3])]),
    // Rows of at most 16: beyond that PyTorch's unstable sort makes the reported index of a tie arbitrary.
    S.call('mode', [S.ints([16], 0, 6)]),
    S.error('mode', [S.randn([0, 3]), 0], 'mode(): Expected reduction dim 0 to have non-zero size.'),
    S.error('mode', [S.randn([2, 3]), 2], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'),
    S.call('mode.values', [S.ints([3, 6], 0, 3), 1], { values: S.ints([3]), indices: S.ints([3]) }),
  ],
});
