import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { cloneOf, withIndexErrors } from '../groups/indexing.js';

function copyInto(ctx: OpContext, self: TensorLike, args: OpArgs): TensorLike {
  const { index, source } = args;
  const d = normalizeDim(args.dim, self.sizes.length);
  if (index.sizes.length > 1) {
    throw new OpError(`index_copy_(): Index should have dimension 1 or 0 (got ${index.sizes.length})`, 'IndexError');
  }
  const n = index.sizes.length ? index.sizes[0] : 1;
  if (self.sizes.length > 0 && source.sizes.length > 0 && source.sizes.length !== self.sizes.length) {
    throw new OpError(
      `index_copy_(): When source and destination are not scalars, their dimensionality must match. Source dimensionality (${source.sizes.length}), destination dimensionality (${self.sizes.length})`,
      'IndexError',
    );
  }
  if (index.dtype !== 'int64')
    throw new OpError(`index_copy_(): Expected a long tensor for index, but got ${cppDtypeName(index.dtype)}`);
  if (source.dtype !== self.dtype) {
    throw new OpError(
      `index_copy_(): self and source expected to have the same dtype, but got (self) ${cppDtypeName(self.dtype)} and (source) ${cppDtypeName(source.dtype)}`,
    );
  }
  if (self.sizes.length > 0 && source.sizes.length > 0) {
    for (let k = 0; k < self.sizes.length; k++) {
      if (k !== d && self.sizes[k] !== source.sizes[k]) {
        throw new OpError(
          `index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: ${self.sizes.filter((_, i) => i !== d).join(', ')} at dimension ${d} and source slice shape: ${source.sizes.filter((_: number, i: number) => i !== d).join(', ')} at dimension 0.`,
        );
      }
    }
    if (source.sizes[d] !== n) {
      throw new OpError(
        `index_copy_(): Number of indices (${n}) should be equal to source.size(dim) (${source.sizes[d]})`,
        'IndexError',
      );
    }
  }
  const slice = self.sizes.length ? self.sizes.map((s, i) => (i === d ? n : s)) : [n];
  withIndexErrors(
    () =>
      K.indexCopy(
        self,
        d,
        index.sizes.length ? index : ctx.view(index, [1], [0], index.offset),
        source.sizes.length === slice.length
          ? source
          : ctx.view(
              source,
              slice,
              slice.map(() => 0),
              source.offset,
            ),
      ),
    'IndexError',
    (m) => `index_copy_(): ${m}`,
  );
  return self;
}

/** self with the slices of source written at the positions of index along dim. */
export const indexCopy = defineOp({
  schemas: [
    'aten::index_copy(Tensor self, int dim, Tensor index, Tensor source) -> Tensor',
    'aten::index_copy.out(Tensor self, int dim, Tensor index, Tensor source, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::index_copy_(Tensor(a!) self, int dim, Tensor index, Tensor source) -> Tensor(a!)',
  ],
  impl: {
    index_copy: (args, ctx) => copyInto(ctx, cloneOf(ctx, args.self), args),
    index_copy_: (args, ctx) => {
      copyInto(ctx, args.self, args);
      ctx.bumpVersion(args.self);
      return args.self;
    },
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, dim, index, source }) => ({
    self: F.indexFill(grad, dim, index, 0),
    source: F.reshape(F.indexSelect(grad, dim, index), F.sizes(source)),
  }),
  samples: (S) => {
    const ix = (values: number[]) => S.of(values, [values.length], 'int64');
    return [
      S.call('index_copy', [S.randn([3, 4]), 0, ix([2, 0]), S.randn([2, 4])]),
      S.call('index_copy', [S.randn([3, 4], 'transposed'), 1, ix([3, 1]), S.randn([3, 2], 'strided')]),
      S.call('index_copy', [S.randn([2, 3], 'offset'), -1, S.of([1], [], 'int64'), S.randn([2, 1])]),
      S.call('index_copy', [S.ints([4, 2]), 0, ix([3, 0]), S.ints([2, 2])]),
      S.call('index_copy', [S.randn([]), 0, ix([0]), S.randn([])]),
      S.call('index_copy', [S.randn([3, 2]), 0, ix([]), S.randn([0, 2])]),
      S.error(
        'index_copy',
        [S.randn([3, 4]), 0, ix([5]), S.randn([1, 4])],
        'index 5 is out of bounds for dimension 0 with size 3',
      ),
      S.error(
        'index_copy',
        [S.randn([3, 4]), 0, ix([0, 1]), S.t([2, 4], { dtype: 'float64' })],
        'index_copy_(): self and source expected to have the same dtype, but got (self) Float and (source) Double',
      ),
      S.error(
        'index_copy',
        [S.randn([3, 4]), 0, ix([0, 1]), S.randn([3, 4])],
        'index_copy_(): Number of indices (2) should be equal to source.size(dim) (3)',
      ),
      S.error(
        'index_copy',
        [S.randn([3, 4]), 0, S.of([0, 1], [2], 'int32'), S.randn([2, 4])],
        'index_copy_(): Expected a long tensor for index, but got Int',
      ),
      S.error('index_copy', [S.randn([3, 4]), 0, ix([0]), S.randn([4])], 'their dimensionality must match'),
      S.call('index_copy_', [S.randn([3, 4]), 1, ix([0, 2]), S.randn([3, 2])]),
      S.call('index_copy.out', [S.randn([3, 4]), 1, ix([0, 2]), S.randn([3, 2])], { out: S.randn([0]) }),
    ];
  },
});
