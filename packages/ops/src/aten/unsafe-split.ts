import { defineOp } from '../core/define-op.js';
import { intArg, pieceMetas, piecesBackward, pieceViews, splitPieces } from '../groups/views.js';

/** split without view tracking: the same pieces (sharing storage, as in PyTorch). */
export const unsafeSplit = defineOp({
  schemas: ['aten::unsafe_split.Tensor(Tensor self, int split_size, int dim=0) -> Tensor[]'],
  impl: ({ self, split_size, dim }, ctx) =>
    pieceViews(ctx, self, splitPieces(self.sizes, intArg(split_size), dim), dim),
  meta: ({ self, split_size, dim }) => pieceMetas(self, splitPieces(self.sizes, intArg(split_size), dim), dim),
  derivative: (F, { grads, self, split_size, dim }) => ({
    self: piecesBackward(F, grads, F.sizes(self), dim, splitPieces(F.sizes(self), intArg(split_size), dim)),
  }),
  samples: (S) => [
    S.call('unsafe_split.Tensor', [S.randn([5, 2]), 2]),
    S.call('unsafe_split.Tensor', [S.randn([3, 4], 'transposed'), 3, -1]),
    S.call('unsafe_split.Tensor', [S.t([4], { dtype: 'int64', layout: 'offset' }), 4]),
    S.error('unsafe_split.Tensor', [S.randn([]), 1], 'split expects at least a 1-dimensional tensor'),
  ],
});
