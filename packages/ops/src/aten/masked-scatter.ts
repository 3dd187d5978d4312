import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { broadcastShapes, expandTo, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { boolMask, cloneOf } from '../groups/indexing.js';

function scatterInto(ctx: OpContext, self: TensorLike, args: OpArgs): TensorLike {
  const source: TensorLike = args.source;
  if (source.dtype !== self.dtype) {
    throw new OpError(
      `masked_scatter: expected self and source to have same dtypes but got${cppDtypeName(self.dtype)} and ${cppDtypeName(source.dtype)}`,
    );
  }
  const mask = boolMask(ctx, args.mask, 'masked_scatter', true);
  const n = K.nonzeroCount(mask, self.sizes);
  if (n > numel(source.sizes)) throw new OpError('Number of elements of source < number of ones in mask');
  K.maskedScatter(self, mask, source);
  return self;
}

/** Copies consecutive elements of source (row-major) into self where mask is true. */
export const maskedScatter = defineOp({
  schemas: [
    'aten::masked_scatter(Tensor self, Tensor mask, Tensor source) -> Tensor',
    'aten::masked_scatter.out(Tensor self, Tensor mask, Tensor source, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::masked_scatter_(Tensor(a!) self, Tensor mask, Tensor source) -> Tensor(a!)',
  ],
  impl: {
    masked_scatter: (args, ctx) => {
      const sizes = broadcastShapes(args.self.sizes, args.mask.sizes);
      return scatterInto(ctx, cloneOf(ctx, args.self, sizes), args);
    },
    masked_scatter_: (args, ctx) => {
      const self: TensorLike = args.self;
      expandTo(ctx, args.mask, self.sizes);
      scatterInto(ctx, self, args);
      ctx.bumpVersion(self);
      return self;
    },
  },
  meta: (args) => ({ sizes: broadcastShapes(args.self.sizes, args.mask.sizes), dtype: args.self.dtype }),
  derivative: (F, { grad, self, mask, source }) => {
    const selected = F.maskedSelect(grad, mask);
    const total = F.sizes(source).reduce((a: number, b: number) => a * b, 1);
    const used = F.sizes(selected)[0];
    const padded = total > used ? F.cat([selected, F.newZeros(selected, [total - used])]) : selected;
    return {
      self: F.sumTo(F.maskedFill(grad, mask, 0), F.sizes(self)),
      source: F.reshape(padded, F.sizes(source)),
    };
  },
  samples: (S) => [
    S.call('masked_scatter', [S.randn([3, 4]), S.bools([3, 4]), S.randn([12])]),
    S.call('masked_scatter', [S.randn([3, 4], 'transposed'), S.bools([4]), S.randn([4, 5], 'strided')]),
    S.call('masked_scatter', [S.randn([3]), S.bools([2, 3]), S.randn([2, 3])]),
    S.call('masked_scatter', [S.ints([2, 3]), S.of([1, 0, 1], [3], 'uint8'), S.ints([4])]),
    S.call('masked_scatter', [S.randn([]), S.of([true], [], 'bool'), S.randn([2])]),
    S.call('masked_scatter', [S.randn([0, 2]), S.bools([2]), S.randn([0])]),
    S.error(
      'masked_scatter',
      [S.randn([3]), S.of([true, true, false], [3], 'bool'), S.randn([1])],
      'Number of elements of source < number of ones in mask',
    ),
    S.error(
      'masked_scatter',
      [S.randn([3]), S.bools([3]), S.t([6], { dtype: 'float64' })],
      'masked_scatter: expected self and source to have same dtypes but got',
    ),
    S.call('masked_scatter_', [S.randn([2, 3], 'offset'), S.bools([2, 3]), S.randn([6])]),
    S.error(
      'masked_scatter_',
      [S.randn([3]), S.bools([2, 3]), S.randn([6])],
      'must be greater or equal to the number of dimensions in the tensor (2)',
    ),
    S.call('masked_scatter.out', [S.randn([2, 3]), S.bools([3]), S.randn([6])], { out: S.randn([0]) }),
  ],
});
