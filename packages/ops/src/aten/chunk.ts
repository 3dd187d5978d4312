import { defineOp } from '../core/define-op.js';
import { check } from '../core/op-error.js';
import { pieceMetas, piecesBackward, pieceViews, splitPieces, splitWithSizesPieces, wrapDim } from '../groups/views.js';

/** chunk as PyTorch computes it: split(ceil(size / chunks)), except an empty dim gets `chunks` empty pieces. */
function chunkPieces(sizes: readonly number[], chunks: number, dim: number): [number, number][] {
  check(sizes.length > 0, () => 'chunk expects at least a 1-dimensional tensor');
  check(chunks > 0, () => `chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const dimSize = sizes[wrapDim(dim, sizes.length)];
  const splitSize = Math.ceil(dimSize / chunks);
  if (splitSize === 0 && dimSize === 0) {
    return splitWithSizesPieces(sizes, new Array<number>(chunks).fill(0), dim);
  }
  return splitPieces(sizes, splitSize, dim);
}

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
