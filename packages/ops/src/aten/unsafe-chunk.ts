import { defineOp } from '../core/define-op.js';
import { chunkPieces, pieceMetas, piecesBackward, pieceViews } from '../groups/views.js';

/** chunk without view tracking: the same pieces (sharing storage, as in PyTorch). */
export const unsafeChunk = defineOp({
  schemas: ['aten::unsafe_chunk(Tensor self, int chunks, int dim=0) -> Tensor[]'],
  impl: ({ self, chunks, dim }, ctx) => pieceViews(ctx, self, chunkPieces(self.sizes, chunks, dim), dim),
  meta: ({ self, chunks, dim }) => pieceMetas(self, chunkPieces(self.sizes, chunks, dim), dim),
  derivative: (F, { grads, self, chunks, dim }) => ({
    self: piecesBackward(F, grads, F.sizes(self), dim, chunkPieces(F.sizes(self), chunks, dim)),
  }),
  samples: (S) => [
    S.call('unsafe_chunk', [S.randn([6, 2]), 4]),
    S.call('unsafe_chunk', [S.randn([3, 4], 'transposed'), 2, 1]),
    S.call('unsafe_chunk', [S.randn([0, 2]), 2]),
    S.error('unsafe_chunk', [S.randn([4]), 0], 'chunk expects `chunks` to be greater than 0, got: 0'),
  ],
});
