import { defineOp } from '../core/define-op.js';
import { chunkPieces, pieceMetas, piecesBackward, pieceViews } from '../groups/views.js';

export const chunk = defineOp({
  schemas: ['aten::chunk(Tensor(a -> *) self, int chunks, int dim=0) -> Tensor(a)[]'],
  impl: ({ self, chunks, dim }, ctx) => pieceViews(ctx, self, chunkPieces(self.sizes, chunks, dim), dim),
  meta: ({ self, chunks, dim }) => pieceMetas(self, chunkPieces(self.sizes, chunks, dim), dim),
  derivative: (F, { grads, self, chunks, dim }) => ({
    self: piecesBackward(F, grads, F.sizes(self), dim, chunkPieces(F.sizes(self), chunks, dim)),
  }),
  samples: (S) => [
    S.call('chunk', [S.randn([6, 2]), 3]),
    S.call('chunk', [S.randn([5]), 3]),
    S.call('chunk', [S.randn([5]), 4]),
    S.call('chunk', [S.randn([2]), 5]),
    S.call('chunk', [S.randn([3, 4], 'transposed'), 2, 1]),
    S.call('chunk', [S.t([2, 7], { dtype: 'int64', layout: 'strided' }), 3, -1]),
    S.call('chunk', [S.randn([0, 2]), 3]),
    S.call('chunk', [S.randn([2, 0]), 2, 1]),
    S.error('chunk', [S.randn([]), 1], 'chunk expects at least a 1-dimensional tensor'),
    S.error('chunk', [S.randn([4]), 0], 'chunk expects `chunks` to be greater than 0, got: 0'),
    S.error('chunk', [S.randn([4]), -1], 'chunk expects `chunks` to be greater than 0, got: -1'),
    S.error('chunk', [S.randn([4]), 2, 1], 'Dimension out of range'),
  ],
});
