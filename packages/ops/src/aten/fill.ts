import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { fillValue } from '../groups/indexing.js';

function fillNumber(ctx: OpContext, args: OpArgs): number {
  const v = args.value;
  if (ctx.isTensor(v)) {
    const t = v as TensorLike;
    if (t.sizes.length !== 0) {
      throw new OpError(
        `fill_ only supports 0-dimension value tensor but got tensor with ${t.sizes.length} dimensions.`,
      );
    }
    return fillValue(ctx, t, 'fill_');
  }
  return scalarToNumber(v);
}

/** Every element set to value (converted to self's dtype). */
export const fill = defineOp({
  schemas: [
    'aten::fill.Scalar(Tensor self, Scalar value) -> Tensor',
    'aten::fill.Scalar_out(Tensor self, Scalar value, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::fill.Tensor(Tensor self, Tensor value) -> Tensor',
    'aten::fill.Tensor_out(Tensor self, Tensor value, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::fill_.Scalar(Tensor(a!) self, Scalar value) -> Tensor(a!)',
    'aten::fill_.Tensor(Tensor(a!) self, Tensor value) -> Tensor(a!)',
  ],
  impl: {
    'fill.Scalar': (args, ctx) => filled(ctx, args),
    'fill.Tensor': (args, ctx) => filled(ctx, args),
    'fill_.Scalar': (args, ctx) => fillSelf(ctx, args),
    'fill_.Tensor': (args, ctx) => fillSelf(ctx, args),
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, value }) => ({
    self: F.zerosLike(grad),
    value: F.isTensor(value) ? F.sum(grad) : null,
  }),
  samples: (S) => [
    S.call('fill.Scalar', [S.randn([2, 3]), S.float(1.5)]),
    S.call('fill.Scalar', [S.ints([2, 3]), S.float(2.7)]),
    S.call('fill.Scalar', [S.bools([3]), 2]),
    S.call('fill.Scalar', [S.randn([]), -1]),
    S.call('fill.Scalar', [S.randn([0])], { value: 3 }),
    S.call('fill.Tensor', [S.randn([2, 3], 'transposed'), S.ints([])]),
    S.call('fill.Tensor', [S.ints([2]), S.t([], { dtype: 'float64' })]),
    S.error(
      'fill.Tensor',
      [S.randn([2, 3]), S.randn([3])],
      'fill_ only supports 0-dimension value tensor but got tensor with 1 dimensions.',
    ),
    S.call('fill_.Scalar', [S.randn([2, 3], 'transposed'), S.float(Number.NaN)]),
    S.call('fill_.Scalar', [S.randn([4], 'strided'), true]),
    S.call('fill_.Tensor', [S.randn([2, 3], 'offset'), S.randn([])]),
    S.call('fill.Scalar_out', [S.randn([2, 3]), 3], { out: S.randn([0]) }),
    S.call('fill.Tensor_out', [S.randn([2, 3]), S.randn([])], { out: S.randn([2, 3]) }),
  ],
});

function filled(ctx: OpContext, args: OpArgs): TensorLike {
  const value = fillNumber(ctx, args);
  const out = ctx.empty(args.self.sizes, args.self.dtype);
  K.fill(out, value);
  return out;
}

function fillSelf(ctx: OpContext, args: OpArgs): TensorLike {
  K.fill(args.self, fillNumber(ctx, args));
  ctx.bumpVersion(args.self);
  return args.self;
}
