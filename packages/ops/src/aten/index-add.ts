import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName, scalarToNumber } from '../core/dtypes.js';
import { broadcastShapes, formatSizes, normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { cloneOf, withIndexErrors } from '../groups/indexing.js';

function addInto(ctx: OpContext, self: TensorLike, args: OpArgs): TensorLike {
  const { index, source } = args;
  const d = normalizeDim(args.dim, self.sizes.length);
  if (index.sizes.length > 1) {
    throw new OpError(
      `index_add_(): Index is supposed to be a vector, but got dim: ${index.sizes.length} with type: ${cppDtypeName(index.dtype)} and size: ${formatSizes(index.sizes)}`,
      'IndexError',
    );
  }
  if (index.dtype !== 'int64' && index.dtype !== 'int32') {
    throw new OpError(`index_add_(): Expected dtype int32/int64 for index but got: ${cppDtypeName(index.dtype)}`);
  }
  if (source.dtype !== self.dtype) {
    throw new OpError(
      `index_add_(): self (${cppDtypeName(self.dtype)}) and source (${cppDtypeName(source.dtype)}) must have the same scalar type`,
    );
  }
  const n = index.sizes.length ? index.sizes[0] : 1;
  const srcDim = source.sizes.length ? source.sizes[d] : 1;
  if (self.sizes.length > 0 && source.sizes.length > 0 && n !== srcDim) {
    throw new OpError(
      `index_add_(): Number of indices (${n}) should be equal to source.size(dim): (${srcDim}), for dim: ${d}`,
    );
  }
  const slice = self.sizes.map((s, i) => (i === d ? n : s));
  if (source.sizes.length === self.sizes.length) broadcastShapes(slice, source.sizes);
  withIndexErrors(
    () =>
      K.indexAdd(
        self,
        d,
        index.sizes.length ? index : ctx.view(index, [1], [0], index.offset),
        // A 0-d source (PyTorch allows it for a single index) is read as the whole slice.
        source.sizes.length === self.sizes.length
          ? source
          : ctx.view(
              source,
              slice,
              slice.map(() => 0),
              source.offset,
            ),
        scalarToNumber(args.alpha),
      ),
    'IndexError',
    () => 'index out of range in self',
  );
  return self;
}

/** self with alpha * source added at the positions of index along dim. */
export const indexAdd = defineOp({
  schemas: [
    'aten::index_add(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor',
    'aten::index_add.out(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::index_add_(Tensor(a!) self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor(a!)',
  ],
  impl: {
    index_add: (args, ctx) => addInto(ctx, cloneOf(ctx, args.self), args),
    index_add_: (args, ctx) => {
      addInto(ctx, args.self, args);
      ctx.bumpVersion(args.self);
      return args.self;
    },
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, dim, index, source, alpha }) => {
    const picked = F.reshape(F.indexSelect(grad, dim, index), F.sizes(source));
    return { self: grad, source: scalarToNumber(alpha) === 1 ? picked : F.mul(picked, alpha) };
  },
  samples: (S) => {
    const ix = (values: number[], dtype: 'int64' | 'int32' = 'int64') => S.of(values, [values.length], dtype);
    return [
      S.call('index_add', [S.randn([3, 4]), 0, ix([2, 0, 2]), S.randn([3, 4])]),
      S.call('index_add', [S.randn([3, 4], 'transposed'), 1, ix([3, 3], 'int32'), S.randn([3, 2], 'strided')]),
      S.call('index_add', [S.randn([2, 3], 'offset'), -1, S.of([1], [], 'int64'), S.randn([2, 1])], {
        alpha: S.float(2.5),
      }),
      S.call('index_add', [S.ints([4, 2]), 0, ix([1, 1]), S.ints([2, 2])], { alpha: 3 }),
      S.call('index_add', [S.randn([]), 0, ix([0]), S.randn([])]),
      S.call('index_add', [S.randn([3, 2]), 0, ix([]), S.randn([0, 2])]),
      S.error('index_add', [S.randn([3, 4]), 0, ix([0, 7]), S.randn([2, 4])], 'index out of range in self'),
      S.error(
        'index_add',
        [S.randn([3, 4]), 0, ix([0]), S.t([1, 4], { dtype: 'float64' })],
        'index_add_(): self (Float) and source (Double) must have the same scalar type',
      ),
      S.error(
        'index_add',
        [S.randn([3, 4]), 0, ix([0, 1]), S.randn([3, 4])],
        'index_add_(): Number of indices (2) should be equal to source.size(dim): (3), for dim: 0',
      ),
      S.error(
        'index_add',
        [S.randn([3, 4]), 0, S.of([0]), S.randn([1, 4])],
        'index_add_(): Expected dtype int32/int64 for index but got: Float',
      ),
      S.call('index_add_', [S.randn([3, 4]), 1, ix([0, 0]), S.randn([3, 2])], { alpha: -1 }),
      S.call('index_add.out', [S.randn([3, 4]), 1, ix([0, 0]), S.randn([3, 2])], { out: S.randn([0]) }),
    ];
  },
});
