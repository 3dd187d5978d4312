import { defineOp } from '../core/define-op.js';
import { intList, pieceMetas, piecesBackward, pieceViews, splitWithSizesPieces } from '../groups/views.js';

/** split_with_sizes without view tracking: the same pieces (sharing storage, as in PyTorch). */
export const unsafeSplitWithSizes = defineOp({
  schemas: ['aten::unsafe_split_with_sizes(Tensor self, int[] split_sizes, int dim=0) -> Tensor[]'],
  impl: ({ self, split_sizes, dim }, ctx) =>
    pieceViews(ctx, self, splitWithSizesPieces(self.sizes, intList(split_sizes), dim), dim),
  meta: ({ self, split_sizes, dim }) =>
    pieceMetas(self, splitWithSizesPieces(self.sizes, intList(split_sizes), dim), dim),
  derivative: (F, { grads, self, split_sizes, dim }) => ({
    self: piecesBackward(F, grads, F.sizes(self), dim, splitWithSizesPieces(F.sizes(self), intList(split_sizes), dim)),
  }),
  samples: (S) => [
    S.call('unsafe_split_with_sizes', [S.randn([5, 2]), [1, 4]]),
    S.call('unsafe_split_with_sizes', [S.randn([3, 4], 'transposed'), [2, 0, 2], 1]),
    S.error(
      'unsafe_split_with_sizes',
      [S.randn([5]), [2, 2]],
      'split_with_sizes expects split_sizes to sum exactly to 5',
    ),
  ],
});
