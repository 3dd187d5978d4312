import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { cloneOf, fillValue, withIndexErrors } from '../groups/indexing.js';

function fillInto(ctx: OpContext, self: TensorLike, args: OpArgs): TensorLike {
  const { index } = args;
  const d = normalizeDim(args.dim, self.sizes.length);
  if (index.dtype !== 'int64') throw new OpError('index_fill_(): Expected dtype int64 for index.', 'IndexError');
  if (index.sizes.length > 1) throw new OpError('Index has to be a vector/scalar');
  const value = fillValue(ctx, args.value, 'index_fill_');
  withIndexErrors(
    () => K.indexFill(self, d, index.sizes.length ? index : ctx.view(index, [1], [0], index.offset), value),
    'IndexError',
  );
  return self;
}

const functional = (args: OpArgs, ctx: OpContext) => fillInto(ctx, cloneOf(ctx, args.self), args);
const inPlace = (args: OpArgs, ctx: OpContext) => {
  fillInto(ctx, args.self, args);
  ctx.bumpVersion(args.self);
  return args.self;
};

/** self with value written into the slices at index along dim (negative indices wrap). */
export const indexFill = defineOp({
  schemas: [
    'aten::index_fill.int_Scalar(Tensor self, int dim, Tensor index, Scalar value) -> Tensor',
    'aten::index_fill.int_Tensor(Tensor self, int dim, Tensor index, Tensor value) -> Tensor',
    'aten::index_fill.int_Scalar_out(Tensor self, int dim, Tensor index, Scalar value, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::index_fill.int_Tensor_out(Tensor self, int dim, Tensor index, Tensor value, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::index_fill_.int_Scalar(Tensor(a!) self, int dim, Tensor index, Scalar value) -> Tensor(a!)',
    'aten::index_fill_.int_Tensor(Tensor(a!) self, int dim, Tensor index, Tensor value) -> Tensor(a!)',
  ],
  impl: {
    'index_fill.int_Scalar': functional,
    'index_fill.int_Tensor': functional,
    'index_fill_.int_Scalar': inPlace,
    'index_fill_.int_Tensor': inPlace,
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, dim, index, value }) => ({
    self: F.indexFill(grad, dim, index, 0),
    value: F.isTensor(value) ? F.sum(F.mul(grad, F.indexFill(F.zerosLike(grad), dim, index, 1))) : null,
  }),
  samples: (S) => {
    const ix = (values: number[]) => S.of(values, [values.length], 'int64');
    return [
      S.call('index_fill.int_Scalar', [S.randn([3, 4]), 0, ix([2, 0]), S.float(-1.5)]),
      S.call('index_fill.int_Scalar', [S.randn([3, 4], 'transposed'), 1, ix([-1, 1]), 2]),
      S.call('index_fill.int_Scalar', [S.randn([3, 4], 'strided'), 1, S.of([2], [], 'int64'), 2]),
      S.call('index_fill.int_Scalar', [S.ints([3, 4]), 0, ix([1, 1]), S.float(2.5)]),
      S.call('index_fill.int_Scalar', [S.bools([3]), 0, ix([1]), true]),
      S.call('index_fill.int_Scalar', [S.randn([]), 0, ix([0]), 2]),
      S.call('index_fill.int_Scalar', [S.randn([2, 3]), 0, ix([]), 2]),
      S.call('index_fill.int_Tensor', [S.randn([2, 3], 'offset'), -1, ix([0, 2]), S.randn([])]),
      S.call('index_fill.int_Tensor', [S.ints([2, 3]), 1, ix([0]), S.t([], { dtype: 'float64' })]),
      S.error(
        'index_fill.int_Scalar',
        [S.randn([3, 4]), 0, ix([0, 5]), 2],
        'index 5 is out of bounds for dimension 0 with size 3',
      ),
      S.error(
        'index_fill.int_Scalar',
        [S.randn([3, 4]), 0, S.of([0, 1], [2], 'int32'), 2],
        'index_fill_(): Expected dtype int64 for index.',
      ),
      S.error(
        'index_fill.int_Scalar',
        [S.randn([3, 4]), 0, S.of([0], [1, 1], 'int64'), 2],
        'Index has to be a vector/scalar',
      ),
      S.error(
        'index_fill.int_Tensor',
        [S.randn([3, 4]), 0, ix([0]), S.randn([1])],
        'index_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).',
      ),
      S.call('index_fill_.int_Scalar', [S.randn([3, 4]), 1, ix([0, 2]), 0]),
      S.call('index_fill_.int_Tensor', [S.randn([3, 4]), 1, ix([3]), S.randn([])]),
      S.call('index_fill.int_Scalar_out', [S.randn([3, 4]), 1, ix([0, 2]), 1], { out: S.randn([0]) }),
      S.call('index_fill.int_Tensor_out', [S.randn([3, 4]), 1, ix([0, 2]), S.randn([])], { out: S.randn([3, 4]) }),
    ];
  },
});
