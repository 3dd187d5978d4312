import type { OpDefinition } from '../core/define-op.js';
import { directionalSplitPieces, intArg, intList, pieceMetas, piecesBackward, pieceViews } from './views.js';

/**
 * hsplit, vsplit and dsplit: tensor_split along dim 1, 0 and 2 with numpy's rules; the
 * implementation, derivative rule and samples (the op files hold the schemas).
 */
export function directionalSplitOp(name: 'hsplit' | 'vsplit' | 'dsplit'): Omit<OpDefinition, 'schemas'> {
  const plan = (sizes: readonly number[], v: unknown) =>
    directionalSplitPieces(name, sizes, Array.isArray(v) ? intList(v) : intArg(v));
  return {
    impl: {
      int: ({ self, sections }, ctx) => {
        const { dim, pieces } = plan(self.sizes, sections);
        return pieceViews(ctx, self, pieces, dim);
      },
      array: ({ self, indices }, ctx) => {
        const { dim, pieces } = plan(self.sizes, intList(indices));
        return pieceViews(ctx, self, pieces, dim);
      },
    },
    meta: {
      int: ({ self, sections }) => {
        const { dim, pieces } = plan(self.sizes, sections);
        return pieceMetas(self, pieces, dim);
      },
      array: ({ self, indices }) => {
        const { dim, pieces } = plan(self.sizes, intList(indices));
        return pieceMetas(self, pieces, dim);
      },
    },
    derivative: {
      int: (F, { grads, self, sections }) => {
        const { dim, pieces } = plan(F.sizes(self), sections);
        return { self: piecesBackward(F, grads, F.sizes(self), dim, pieces) };
      },
      array: (F, { grads, self, indices }) => {
        const { dim, pieces } = plan(F.sizes(self), intList(indices));
        return { self: piecesBackward(F, grads, F.sizes(self), dim, pieces) };
      },
    },
    samples: (S) => [
      S.call(`${name}.int`, [S.randn([4, 6, 2]), 2]),
      S.call(`${name}.int`, [S.randn([2, 2, 4], 'transposed'), 1]),
      S.call(`${name}.array`, [S.randn([4, 6, 2]), [1, 3]]),
      S.call(`${name}.array`, [S.t([3, 3, 3], { dtype: 'int64', layout: 'offset' }), [2, 1]]),
      S.call(`${name}.array`, [S.randn([2, 4, 4]), []]),
      S.error(`${name}.int`, [S.randn([3, 5, 3]), 2], `torch.${name} attempted to split along dimension`),
      S.error(`${name}.int`, [S.randn([]), 1], `torch.${name} requires a tensor with at least`),
      S.error(`${name}.int`, [S.randn([2, 2, 2]), -1], 'number of sections must be larger than 0, got -1'),
    ],
  };
}
