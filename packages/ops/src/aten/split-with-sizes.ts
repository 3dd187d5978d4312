import { defineOp } from '../core/define-op.js';
import { intList, pieceMetas, piecesBackward, pieceViews, splitWithSizesPieces } from '../groups/views.js';

export const splitWithSizes = defineOp({
  schemas: ['aten::split_with_sizes(Tensor(a -> *) self, int[] split_sizes, int dim=0) -> Tensor(a)[]'],
  impl: ({ self, split_sizes, dim }, ctx) =>
    pieceViews(ctx, self, splitWithSizesPieces(self.sizes, intList(split_sizes), dim), dim),
  meta: ({ self, split_sizes, dim }) =>
    pieceMetas(self, splitWithSizesPieces(self.sizes, intList(split_sizes), dim), dim),
  derivative: (F, { grads, self, split_sizes, dim }) => ({
    self: piecesBackward(F, grads, F.sizes(self), dim, splitWithSizesPieces(F.sizes(self), intList(split_sizes), dim)),
  }),
  samples: (S) => [
    S.call('split_with_sizes', [S.randn([5, 2]), [2, 3]]),
    S.call('split_with_sizes', [S.randn([2, 5], 'transposed'), [0, 4, 1], -1]),
    S.call('split_with_sizes', [S.t([4], { dtype: 'int64', layout: 'offset' }), [4]]),
    S.call('split_with_sizes', [S.randn([0, 3]), [0, 0]]),
    S.error('split_with_sizes', [S.randn([]), [1]], 'split expects at least a 1-dimensional tensor'),
    S.error('split_with_sizes', [S.randn([5]), [2, 2]], 'split_with_sizes expects split_sizes to sum exactly to 5'),
    S.error('split_with_sizes', [S.randn([2, 3]), [1, -1, 3], 1], 'only non-negative entries'),
  ],
});
