import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { broadcastShapes, normalizeDim, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { broadcastView, withIndexErrors } from '../groups/indexing.js';

/** The broadcast sizes of self and indices (all dims but `dim`), as PyTorch computes them. */
function shapes(self: TensorLike, indices: TensorLike, dim: number): { index: number[]; source: number[] } {
  const selfSizes = [...self.sizes];
  selfSizes[dim] = indices.sizes[dim];
  const index = broadcastShapes(selfSizes, indices.sizes);
  const source = [...index];
  source[dim] = self.sizes[dim];
  return { index, source };
}

function gatherFlat(ctx: OpContext, self: TensorLike, indices: TensorLike): TensorLike {
  const n = numel(self.sizes);
  const flat = ctx.empty([n], self.dtype);
  K.copy(
    ctx.view(flat, self.sizes, self.sizes.length ? self.sizes.map((_, i) => numel(self.sizes.slice(i + 1))) : [], 0),
    self,
  );
  const m = numel(indices.sizes);
  const idx = ctx.empty([m], 'int64');
  K.copy(
    ctx.view(
      idx,
      indices.sizes,
      indices.sizes.map((_, i) => numel(indices.sizes.slice(i + 1))),
      0,
    ),
    indices,
  );
  const out = ctx.empty([m], self.dtype);
  withIndexErrors(() => K.gather(out, flat, 0, idx), 'RuntimeError');
  return out;
}

/** Values of self at indices along dim (indices broadcast against self elsewhere); flattened when dim is None. */
export const takeAlongDim = defineOp({
  schemas: [
    'aten::take_along_dim(Tensor self, Tensor indices, int? dim=None) -> Tensor',
    'aten::take_along_dim.out(Tensor self, Tensor indices, int? dim=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const { self, indices } = args;
    if (indices.dtype !== 'int64') {
      throw new OpError(
        `torch.take_along_dim(): dtype of indices should be Long but got ${cppDtypeName(indices.dtype)}`,
      );
    }
    if (args.dim === null || args.dim === undefined) return gatherFlat(ctx, self, indices);
    if (self.sizes.length !== indices.sizes.length) {
      throw new OpError(
        `torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${self.sizes.length} dimensions for input, and ${indices.sizes.length} dimensions for indices`,
      );
    }
    if (self.sizes.length === 0) {
      throw new OpError(`Dimension specified as ${args.dim} but tensor has no dimensions`, 'IndexError');
    }
    const d = normalizeDim(args.dim, self.sizes.length);
    const { index, source } = shapes(self, indices, d);
    const out = ctx.empty(index, self.dtype);
    withIndexErrors(
      () => K.gather(out, broadcastView(ctx, self, source), d, broadcastView(ctx, indices, index)),
      'RuntimeError',
    );
    return out;
  },
  derivative: (F, { grad, self, indices, dim }) => {
    const sizes = F.sizes(self) as number[];
    if (dim === null || dim === undefined) {
      const total = sizes.reduce((a, b) => a * b, 1);
      const flat = F.scatterAdd(F.newZeros(grad, [total]), 0, F.reshape(indices, [-1]), F.reshape(grad, [-1]));
      return { self: F.reshape(flat, sizes) };
    }
    const d = dim < 0 ? dim + sizes.length : dim;
    const source = [...(F.sizes(grad) as number[])];
    source[d] = sizes[d];
    const index = F.expand(indices, F.sizes(grad));
    return { self: F.sumTo(F.scatterAdd(F.newZeros(grad, source), d, index, grad), sizes) };
  },
  samples: (S) => {
    const ix = (values: number[], sizes: number[]) => S.of(values, sizes, 'int64');
    return [
      S.call('take_along_dim', [S.randn([3, 4]), ix([0, 3, 1], [3, 1]), 1]),
      S.call('take_along_dim', [S.randn([3, 4], 'transposed'), ix([2, 0, 1, 1, 0, 2, 2, 2], [2, 4]), 0]),
      S.call('take_along_dim', [S.randn([3, 1], 'strided'), ix([0, 0, 2], [1, 3]), 0]),
      S.call('take_along_dim', [
        S.randn([2, 3], 'offset'),
        ix(
          [1, 11, -1].map((v) => (v < 0 ? 5 : Math.min(v, 5))),
          [3],
        ),
      ]),
      S.call('take_along_dim', [S.ints([2, 3]), ix([2, 0], [1, 2]), -1]),
      S.error('take_along_dim', [S.randn([]), ix([0], []), 0], 'Dimension specified as 0 but tensor has no dimensions'),
      S.call('take_along_dim', [S.randn([]), ix([0, 0], [2])]),
      S.call('take_along_dim', [S.randn([3, 4]), ix([], [3, 0]), 1]),
      S.error(
        'take_along_dim',
        [S.randn([3, 4]), ix([0, 1], [2, 1]), 1],
        'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0',
      ),
      S.error(
        'take_along_dim',
        [S.randn([3, 4]), ix([1], [1]), 0],
        'input and indices should have the same number of dimensions',
      ),
      S.error(
        'take_along_dim',
        [S.randn([3, 4]), S.of([1], [1, 1]), 0],
        'dtype of indices should be Long but got Float',
      ),
      S.error(
        'take_along_dim',
        [S.randn([3, 4]), ix([5], [1, 1]), 1],
        'index 5 is out of bounds for dimension 1 with size 4',
      ),
      S.call('take_along_dim.out', [S.randn([3, 4]), ix([1, 2], [1, 2]), 1], { out: S.randn([0]) }),
    ];
  },
});
