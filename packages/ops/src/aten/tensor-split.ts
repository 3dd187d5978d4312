import { defineOp } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { readNumbers } from '../core/helpers.js';
import { check } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { intArg, intList, pieceMetas, piecesBackward, pieceViews, sliceBounds, wrapDim } from '../groups/views.js';

function checkSelf(self: TensorLike): void {
  check(
    self.sizes.length > 0,
    () => `tensor_split expected at least a 1-dimensional tensor, but got a tensor with ${self.sizes.length} dims`,
  );
}

function sectionPieces(sizes: readonly number[], sections: number, dim: number): [number, number][] {
  const size = sizes[wrapDim(dim, sizes.length)];
  check(sections > 0, () => `number of sections must be larger than 0, got ${sections}`);
  const base = Math.floor(size / sections);
  const extra = size % sections;
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < sections; i++) {
    const n = i < extra ? base + 1 : base;
    out.push([start, n]);
    start += n;
  }
  return out;
}

/** Pieces between consecutive indices, each bounded like slice(dim, prev, next). */
function indexPieces(sizes: readonly number[], indices: readonly number[], dim: number): [number, number][] {
  const size = sizes[wrapDim(dim, sizes.length)];
  const out: [number, number][] = [];
  let prev = 0;
  for (const next of [...indices, size]) {
    const [s, e] = sliceBounds(size, prev, next);
    out.push([s, e - s]);
    prev = next;
  }
  return out;
}

function tensorPieces(ctx: OpContext | null, self: TensorLike, spec: TensorLike, dim: number): [number, number][] {
  check(
    spec.dtype === 'int64',
    () => `tensor_split expected tensor_indices_or_sections to have dtype of long, but got ${cppDtypeName(spec.dtype)}`,
  );
  check(
    spec.sizes.length <= 1,
    () =>
      `tensor_split expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional tensor, but got a tensor with ${spec.sizes.length} dims`,
  );
  if (ctx === null) throw new Error('tensor_split.tensor_indices_or_sections needs the values of its tensor');
  const values = readNumbers(ctx, spec);
  return spec.sizes.length === 0 ? sectionPieces(self.sizes, values[0], dim) : indexPieces(self.sizes, values, dim);
}

export const tensorSplit = defineOp({
  schemas: [
    'aten::tensor_split.sections(Tensor(a -> *) self, int sections, int dim=0) -> Tensor(a)[]',
    'aten::tensor_split.indices(Tensor(a -> *) self, int[] indices, int dim=0) -> Tensor(a)[]',
    'aten::tensor_split.tensor_indices_or_sections(Tensor(a -> *) self, Tensor tensor_indices_or_sections, int dim=0) -> Tensor(a)[]',
  ],
  impl: {
    sections: ({ self, sections, dim }, ctx) => {
      checkSelf(self);
      return pieceViews(ctx, self, sectionPieces(self.sizes, intArg(sections), dim), dim);
    },
    indices: ({ self, indices, dim }, ctx) => {
      checkSelf(self);
      return pieceViews(ctx, self, indexPieces(self.sizes, intList(indices), dim), dim);
    },
    tensor_indices_or_sections: ({ self, tensor_indices_or_sections, dim }, ctx) => {
      checkSelf(self);
      return pieceViews(ctx, self, tensorPieces(ctx, self, tensor_indices_or_sections, dim), dim);
    },
  },
  meta: {
    sections: ({ self, sections, dim }) => pieceMetas(self, sectionPieces(self.sizes, intArg(sections), dim), dim),
    indices: ({ self, indices, dim }) => pieceMetas(self, indexPieces(self.sizes, intList(indices), dim), dim),
  },
  derivative: {
    sections: (F, { grads, self, sections, dim }) => ({
      self: piecesBackward(F, grads, F.sizes(self), dim, sectionPieces(F.sizes(self), intArg(sections), dim)),
    }),
    indices: (F, { grads, self, indices, dim }) => ({
      self: piecesBackward(F, grads, F.sizes(self), dim, indexPieces(F.sizes(self), intList(indices), dim)),
    }),
    tensor_indices_or_sections: (F, { grads, result, self, dim }) => {
      // The pieces are known from the outputs' sizes.
      const sizes = F.sizes(self);
      const d = dim < 0 ? dim + sizes.length : dim;
      let start = 0;
      const pieces = (result as unknown[]).map((r): [number, number] => {
        const n = F.sizes(r)[d];
        const piece: [number, number] = [start, n];
        start += n;
        return piece;
      });
      return { self: piecesBackward(F, grads, sizes, d, pieces) };
    },
  },
  samples: (S) => [
    S.call('tensor_split.sections', [S.randn([7, 2]), 3]),
    S.call('tensor_split.sections', [S.randn([2, 3]), 5, 1]),
    S.call('tensor_split.sections', [S.randn([3, 4], 'transposed'), 2, -1]),
    S.call('tensor_split.sections', [S.randn([0, 2]), 2]),
    S.error('tensor_split.sections', [S.randn([3]), 0], 'number of sections must be larger than 0, got 0'),
    S.error(
      'tensor_split.sections',
      [S.randn([]), 1],
      'tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims',
    ),
    S.call('tensor_split.indices', [S.randn([2, 5]), [1, 3], 1]),
    S.call('tensor_split.indices', [S.randn([2, 3]), [2, 1], 1]),
    S.call('tensor_split.indices', [S.randn([6]), [-2, 10]]),
    S.call('tensor_split.indices', [S.t([4, 2], { dtype: 'int64', layout: 'offset' }), []]),
    S.call('tensor_split.tensor_indices_or_sections', [S.randn([5, 2]), S.t([], { dtype: 'int64', values: [2] })]),
    S.call('tensor_split.tensor_indices_or_sections', [
      S.randn([2, 6], 'strided'),
      S.t([2], { dtype: 'int64', values: [1, 4] }),
      1,
    ]),
    S.error(
      'tensor_split.tensor_indices_or_sections',
      [S.randn([4]), S.t([1], { values: [1] })],
      'tensor_split expected tensor_indices_or_sections to have dtype of long, but got Float',
    ),
    S.error(
      'tensor_split.tensor_indices_or_sections',
      [S.randn([4]), S.t([1, 1], { dtype: 'int64', values: [1] })],
      'to be a zero-dimensional or one-dimensional tensor, but got a tensor with 2 dims',
    ),
  ],
});
