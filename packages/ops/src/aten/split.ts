import { defineOp } from '../core/define-op.js';
import { strSplit } from '../groups/py-strings.js';
import {
  intArg,
  intList,
  pieceMetas,
  piecesBackward,
  pieceViews,
  splitPieces,
  splitWithSizesPieces,
} from '../groups/views.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

export const split = defineOp({
  schemas: [
    'aten::split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]',
    'aten::split.sizes(Tensor(a -> *) self, int[] split_size, int dim=0) -> Tensor(a)[]',
    'aten::split(Tensor(a -> *) self, int[] split_sizes, int dim=0) -> Tensor(a)[]',
    'aten::split.str(str self, str? separator=None, int max=-1) -> str[]',
  ],
  impl: withBuiltins(
    {
      Tensor: ({ self, split_size, dim }, ctx) =>
        pieceViews(ctx, self, splitPieces(self.sizes, intArg(split_size), dim), dim),
      sizes: ({ self, split_size, dim }, ctx) =>
        pieceViews(ctx, self, splitWithSizesPieces(self.sizes, intList(split_size), dim), dim),
      '': ({ self, split_sizes, dim }, ctx) =>
        pieceViews(ctx, self, splitWithSizesPieces(self.sizes, intList(split_sizes), dim), dim),
    },
    { 'split.str': strSplit },
  ),
  meta: {
    Tensor: ({ self, split_size, dim }) => pieceMetas(self, splitPieces(self.sizes, intArg(split_size), dim), dim),
    sizes: ({ self, split_size, dim }) =>
      pieceMetas(self, splitWithSizesPieces(self.sizes, intList(split_size), dim), dim),
    '': ({ self, split_sizes, dim }) =>
      pieceMetas(self, splitWithSizesPieces(self.sizes, intList(split_sizes), dim), dim),
  },
  derivative: {
    Tensor: (F, { grads, self, split_size, dim }) => ({
      self: piecesBackward(F, grads, F.sizes(self), dim, splitPieces(F.sizes(self), intArg(split_size), dim)),
    }),
    sizes: (F, { grads, self, split_size, dim }) => ({
      self: piecesBackward(F, grads, F.sizes(self), dim, splitWithSizesPieces(F.sizes(self), intList(split_size), dim)),
    }),
    '': (F, { grads, self, split_sizes, dim }) => ({
      self: piecesBackward(
        F,
        grads,
        F.sizes(self),
        dim,
        splitWithSizesPieces(F.sizes(self), intList(split_sizes), dim),
      ),
    }),
  },
  samples: withBuiltinSamples(
    (S) => [
      S.call('split.Tensor', [S.randn([5, 2]), 2]),
      S.call('split.Tensor', [S.randn([5, 2]), 5]),
      S.call('split.Tensor', [S.randn([5, 2]), 7]),
      S.call('split.Tensor', [S.randn([2, 6]), 4, -1]),
      S.call('split.Tensor', [S.randn([4, 3], 'transposed'), 2, 1]),
      S.call('split.Tensor', [S.t([6], { dtype: 'int64', layout: 'offset' }), 4]),
      S.call('split.Tensor', [S.randn([0, 2]), 0]),
      S.call('split.Tensor', [S.randn([0, 2]), 3]),
      S.error('split.Tensor', [S.randn([]), 1], 'split expects at least a 1-dimensional tensor'),
      S.error('split.Tensor', [S.randn([2, 3]), -1], 'split expects split_size be non-negative, but got split_size=-1'),
      S.error(
        'split.Tensor',
        [S.randn([2, 3]), 0],
        'split_size can only be 0 if dimension size is 0, but got dimension size of 2',
      ),
      S.error('split.Tensor', [S.randn([2, 3]), 1, 2], 'Dimension out of range'),
      S.call('split.sizes', [S.randn([5, 2]), [2, 3]]),
      S.call('split.sizes', [S.randn([2, 6], 'strided'), [1, 0, 5], 1]),
      S.call('split.sizes', [S.randn([3])], { split_size: [3] }),
      S.error(
        'split.sizes',
        [S.randn([2, 3]), [1, 1], 1],
        "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]",
      ),
      S.call('split', [S.randn([4, 2])], { split_sizes: [1, 3] }),
      S.call('split', [S.t([3, 4], { dtype: 'int32', layout: 'transposed' })], { split_sizes: [2, 2], dim: -1 }),
      S.error(
        'split',
        [S.randn([2, 3])],
        'split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[4, -2]',
        { split_sizes: [4, -2] },
      ),
    ],
    (S) => [
      S.call('split.str', ['a b  c ']),
      S.call('split.str', ['  a b c', null, 1]),
      S.call('split.str', ['a,b,,c', ',']),
      S.call('split.str', ['a,b,c', ',', 1]),
      S.call('split.str', ['', ',']),
      S.call('split.str', ['']),
      S.error('split.str', ['abc', ''], 'empty separator'),
    ],
  ),
});
