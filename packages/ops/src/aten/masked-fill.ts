import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { broadcastShapes } from '../core/helpers.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { boolMask, checkInPlaceBroadcast, cloneOf, fillValue } from '../groups/indexing.js';

function fillInPlace(ctx: OpContext, self: TensorLike, args: OpArgs): TensorLike {
  const mask = boolMask(ctx, args.mask, 'masked_fill_', true);
  const value = fillValue(ctx, args.value, 'masked_fill_');
  checkInPlaceBroadcast(self, mask);
  K.maskedFill(self, mask, value);
  ctx.bumpVersion(self);
  return self;
}

/** self where mask is false, value where it is true; self keeps its dtype (value is cast). */
export const maskedFill = defineOp({
  schemas: [
    'aten::masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor',
    'aten::masked_fill.Tensor(Tensor self, Tensor mask, Tensor value) -> Tensor',
    'aten::masked_fill.Scalar_out(Tensor self, Tensor mask, Scalar value, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::masked_fill.Tensor_out(Tensor self, Tensor mask, Tensor value, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::masked_fill_.Scalar(Tensor(a!) self, Tensor mask, Scalar value) -> Tensor(a!)',
    'aten::masked_fill_.Tensor(Tensor(a!) self, Tensor mask, Tensor value) -> Tensor(a!)',
  ],
  impl: {
    'masked_fill.Scalar': functional,
    'masked_fill.Tensor': functional,
    'masked_fill_.Scalar': (args, ctx) => fillInPlace(ctx, args.self, args),
    'masked_fill_.Tensor': (args, ctx) => fillInPlace(ctx, args.self, args),
  },
  meta: (args) => ({ sizes: broadcastShapes(args.self.sizes, args.mask.sizes), dtype: args.self.dtype }),
  derivative: (F, { grad, self, mask, value }) => ({
    self: F.sumTo(F.maskedFill(grad, mask, 0), F.sizes(self)),
    value: F.isTensor(value) ? F.sum(F.maskedSelect(grad, mask)) : null,
  }),
  samples: (S) => {
    const m = (sizes: number[]) => S.bools(sizes);
    return [
      S.call('masked_fill.Scalar', [S.randn([3, 4]), m([3, 4]), 2]),
      S.call('masked_fill.Scalar', [S.randn([3, 4], 'transposed'), m([4]), S.float(-1.5)]),
      S.call('masked_fill.Scalar', [S.randn([3, 4], 'strided'), m([3, 1]), S.float(Number.NaN)]),
      S.call('masked_fill.Scalar', [S.randn([3]), m([2, 3]), 1]),
      S.call('masked_fill.Scalar', [S.randn([]), m([]), 7]),
      S.call('masked_fill.Scalar', [S.randn([0, 3]), m([3]), 7]),
      S.call('masked_fill.Scalar', [S.ints([2, 3]), m([2, 3]), S.float(2.5)]),
      S.call('masked_fill.Scalar', [S.bools([2, 3]), m([2, 3]), true]),
      S.call('masked_fill.Scalar', [S.t([2, 3], { dtype: 'float64' }), S.of([1, 0, 1], [3], 'uint8'), -2]),
      S.call('masked_fill.Scalar', [S.randn([3]), S.of([1, 0, 1], [3], 'int64'), 5]),
      S.call('masked_fill.Scalar', [S.randn([2, 3], 'offset'), S.expand(m([1]), [2, 3]), 3]),
      S.call('masked_fill.Tensor', [S.randn([2, 3]), m([2, 3]), S.randn([])]),
      S.call('masked_fill.Tensor', [S.ints([2, 3], -5, 5, 'int32'), m([3]), S.t([], { dtype: 'float64' })]),
      S.error(
        'masked_fill.Tensor',
        [S.randn([3]), m([3]), S.randn([2])],
        'only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).',
      ),
      S.error(
        'masked_fill.Scalar',
        [S.randn([3]), S.of([1, 0, 2], [3], 'int64'), 1],
        'Mask tensor can take 0 and 1 values only',
      ),
      S.error(
        'masked_fill.Scalar',
        [S.randn([3]), m([4]), 1],
        'The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 0',
      ),
      S.call('masked_fill_.Scalar', [S.randn([3, 4], 'transposed'), m([4]), 0]),
      S.call('masked_fill_.Tensor', [S.ints([3, 4]), m([3, 4]), S.ints([])]),
      S.error(
        'masked_fill_.Scalar',
        [S.randn([3]), m([2, 3]), 1],
        "output with shape [3] doesn't match the broadcast shape [2, 3]",
      ),
      S.call('masked_fill.Scalar_out', [S.randn([2, 3]), m([2, 3]), 4], { out: S.randn([0]) }),
      S.call('masked_fill.Tensor_out', [S.randn([2, 3]), m([3]), S.randn([])], { out: S.randn([2, 3]) }),
    ];
  },
});

function functional(args: OpArgs, ctx: OpContext): TensorLike {
  const mask = boolMask(ctx, args.mask, 'masked_fill_', true);
  const value = fillValue(ctx, args.value, 'masked_fill_');
  const sizes = broadcastShapes(mask.sizes, args.self.sizes);
  const out = cloneOf(ctx, args.self, sizes);
  K.maskedFill(out, mask, value);
  return out;
}
