import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import type { TensorLike } from '../core/tensor-like.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { whereCompute, whereDtype, whereSizes } from '../groups/pointwise-ternary.js';

const ternary: ImplFn = (args, ctx) => whereCompute(ctx, args.condition, args.self, args.other);

/**
 * where(condition) is condition.nonzero(as_tuple=True): one int64 index tensor per dim (views of
 * the [n, ndim] nonzero result, as unbind(1) gives); a 0-d condition counts as one element.
 */
const nonzeroTuple: ImplFn = (args, ctx) => {
  const c = args.condition as TensorLike;
  const x = c.sizes.length === 0 ? ctx.view(c, [1], [1], c.offset) : c;
  const count = K.nonzeroCount(x);
  const ndim = x.sizes.length;
  const indices = ctx.empty([count, ndim], 'int64');
  K.nonzero(indices, x);
  return Array.from({ length: ndim }, (_, d) => ctx.view(indices, [count], [ndim], d));
};

export const where = defineOp({
  schemas: [
    'aten::where.self(Tensor condition, Tensor self, Tensor other) -> Tensor',
    'aten::where.ScalarOther(Tensor condition, Tensor self, Scalar other) -> Tensor',
    'aten::where.ScalarSelf(Tensor condition, Scalar self, Tensor other) -> Tensor',
    'aten::where.self_out(Tensor condition, Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::where.Scalar(Tensor condition, Scalar self, Scalar other) -> Tensor',
    'aten::where(Tensor condition) -> Tensor[]',
  ],
  impl: {
    self: ternary,
    ScalarOther: ternary,
    ScalarSelf: ternary,
    Scalar: ternary,
    '': nonzeroTuple,
  },
  meta: mutatingMeta((args) => ({
    sizes: whereSizes(args.condition, args.self, args.other),
    dtype: whereDtype(args.self, args.other),
  })),
  derivative: (F, { grad, condition, self, other }) => ({
    self: F.isTensor(self) ? F.sumTo(F.where(condition, grad, 0), F.sizes(self)) : null,
    other: F.isTensor(other) ? F.sumTo(F.where(condition, 0, grad), F.sizes(other)) : null,
  }),
  samples: (S) => [
    S.call('where.self', [S.bools([2, 3]), S.randn([2, 3]), S.randn([2, 3])]),
    S.call('where.self', [S.bools([2, 1]), S.randn([3]), S.randn([2, 3], 'transposed')]),
    S.call('where.self', [S.bools([3]), S.randn([2, 3], 'strided'), S.randn([], 'contiguous')]),
    S.call('where.self', [S.expand(S.bools([3]), [2, 3]), S.randn([2, 3], 'offset'), S.randn([1, 3])]),
    S.call('where.self', [S.bools([]), S.randn([]), S.randn([])]),
    S.call('where.self', [S.bools([0, 3]), S.randn([3]), S.randn([0, 1])]),
    S.call('where.self', [S.bools([2, 3]), S.ints([2, 3]), S.randn([3])]),
    S.call('where.self', [S.bools([2, 3]), S.ints([2, 3]), S.t([], { dtype: 'float64' })]),
    S.call('where.self', [S.bools([4]), S.ints([4], 0, 9, 'uint8'), S.ints([4], -3, 3, 'int8')]),
    S.call('where.self', [S.bools([4]), S.bools([4]), S.bools([4])]),
    S.call('where.self', [S.bools([4]), S.t([4], { dtype: 'float64' }), S.randn([4])]),
    S.call('where.self', [S.t([4], { dtype: 'uint8', low: 0, high: 2 }), S.randn([4]), S.randn([4])]),
    S.error(
      'where.self',
      [S.randn([3]), S.randn([3]), S.randn([3])],
      'where expected condition to be a boolean tensor, but got a tensor with dtype Float',
    ),
    S.error(
      'where.self',
      [S.bools([2, 3]), S.randn([4]), S.randn([2, 3])],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    ),
    S.call('where.ScalarOther', [S.bools([2, 3]), S.randn([2, 3]), 0]),
    S.call('where.ScalarOther', [S.bools([2, 3]), S.ints([3]), S.float(2.5)]),
    S.call('where.ScalarOther', [S.bools([2, 3]), S.t([3], { dtype: 'float64' }), S.float(-1)]),
    S.call('where.ScalarSelf', [S.bools([2, 3]), S.float(1.5), S.randn([2, 3])]),
    S.call('where.ScalarSelf', [S.bools([2, 3]), 7, S.ints([3], -3, 3, 'int32')]),
    S.call('where.Scalar', [S.bools([2, 3]), 1, 0]),
    S.call('where.Scalar', [S.bools([2, 3]), S.float(1), 0]),
    S.call('where.Scalar', [S.bools([]), S.float(0.5), S.float(-0.5)]),
    S.call('where.self_out', [S.bools([2, 3]), S.randn([2, 3]), S.randn([3])], { out: S.randn([2, 3]) }),
    S.call('where.self_out', [S.bools([2, 3]), S.randn([2, 3]), S.randn([3])], { out: S.randn([0]) }),
    S.call('where', [S.bools([2, 3])]),
    S.call('where', [S.t([3, 4], { layout: 'transposed', low: -1, high: 2, dtype: 'int64' })]),
    S.call('where', [S.of([0, 1.5, -0, Number.NaN, 2])]),
    S.call('where', [S.bools([2, 1, 3])]),
    S.call('where', [S.of([true], [], 'bool')]),
    S.call('where', [S.of([false], [], 'bool')]),
    S.call('where', [S.bools([0, 3])]),
  ],
});
