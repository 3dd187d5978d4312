import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { checkGatherScatter, cloneOf, padToSizes, withIndexErrors } from '../groups/indexing.js';

function scatterInto(ctx: OpContext, self: TensorLike, args: OpArgs): TensorLike {
  const src = ctx.isTensor(args.src) ? (args.src as TensorLike) : undefined;
  const reduce: string | undefined = args.reduce ?? undefined;
  if (reduce !== undefined && reduce !== 'add' && reduce !== 'multiply') {
    throw new OpError('reduce argument must be either add or multiply.');
  }
  checkGatherScatter('scatter', self, args.dim, args.index, src);
  const value = src ?? scalarToNumber(args.value);
  withIndexErrors(
    () => K.scatter(self, args.dim, args.index, value, reduce as 'add' | 'multiply' | undefined),
    'RuntimeError',
  );
  return self;
}

const functional = (args: OpArgs, ctx: OpContext) => scatterInto(ctx, cloneOf(ctx, args.self), args);
const inPlace = (args: OpArgs, ctx: OpContext) => {
  scatterInto(ctx, args.self, args);
  ctx.bumpVersion(args.self);
  return args.self;
};

const notImplemented = () => {
  throw new OpError("the derivative for 'scatter' with a reduce argument is not implemented", 'NotImplementedError');
};

/** self with the values of src (or value) written along dim at index; reduce 'add'/'multiply' accumulates. */
export const scatter = defineOp({
  schemas: [
    'aten::scatter.value(Tensor self, int dim, Tensor index, Scalar value) -> Tensor',
    'aten::scatter.src(Tensor self, int dim, Tensor index, Tensor src) -> Tensor',
    'aten::scatter.reduce(Tensor self, int dim, Tensor index, Tensor src, *, str reduce) -> Tensor',
    'aten::scatter.value_reduce(Tensor self, int dim, Tensor index, Scalar value, *, str reduce) -> Tensor',
    'aten::scatter.src_out(Tensor self, int dim, Tensor index, Tensor src, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::scatter.value_out(Tensor self, int dim, Tensor index, Scalar value, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::scatter.reduce_out(Tensor self, int dim, Tensor index, Tensor src, *, str reduce, Tensor(a!) out) -> Tensor(a!)',
    'aten::scatter.value_reduce_out(Tensor self, int dim, Tensor index, Scalar value, *, str reduce, Tensor(a!) out) -> Tensor(a!)',
    'aten::scatter_.src(Tensor(a!) self, int dim, Tensor index, Tensor src) -> Tensor(a!)',
    'aten::scatter_.value(Tensor(a!) self, int dim, Tensor index, Scalar value) -> Tensor(a!)',
    'aten::scatter_.reduce(Tensor(a!) self, int dim, Tensor index, Tensor src, *, str reduce) -> Tensor(a!)',
    'aten::scatter_.value_reduce(Tensor(a!) self, int dim, Tensor index, Scalar value, *, str reduce) -> Tensor(a!)',
  ],
  impl: {
    'scatter.value': functional,
    'scatter.src': functional,
    'scatter.reduce': functional,
    'scatter.value_reduce': functional,
    'scatter_.src': inPlace,
    'scatter_.value': inPlace,
    'scatter_.reduce': inPlace,
    'scatter_.value_reduce': inPlace,
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: {
    src: (F, { grad, dim, index, src }) => ({
      self: F.scatter(grad, dim, index, 0),
      src: padToSizes(F, F.gather(grad, dim, index), F.sizes(src)),
    }),
    value: (F, { grad, dim, index }) => ({ self: F.scatter(grad, dim, index, 0) }),
    reduce: notImplemented,
    value_reduce: notImplemented,
  },
  samples: (S) => {
    const ix = (values: number[], sizes: number[]) => S.of(values, sizes, 'int64');
    return [
      S.call('scatter.src', [S.randn([3, 4]), 0, ix([2, 0, 1, 1, 0, 2], [2, 3]), S.randn([2, 3])], undefined, {
        noGradcheck: 'duplicate indices: PyTorch gives every duplicate src element the gradient, only one is kept',
      }),
      S.call('scatter.src', [S.randn([3, 4], 'transposed'), 1, ix([3, 0, 1, 2], [2, 2]), S.randn([3, 4], 'strided')]),
      S.call('scatter.src', [S.randn([2, 3, 2], 'offset'), -1, ix([1, 0, 1, 1], [2, 2, 1]), S.randn([2, 2, 2])]),
      S.call('scatter.src', [S.randn([]), 0, S.of([0], [], 'int64'), S.randn([])]),
      S.call('scatter.src', [S.randn([3, 4]), 1, ix([], [3, 0]), S.randn([3, 1])]),
      S.call('scatter.src', [S.ints([4]), 0, ix([3, 1], [2]), S.ints([2])]),
      S.call('scatter.value', [S.randn([3, 4]), 1, ix([3, 0, 1, 2, 2, 2], [3, 2]), S.float(-2.5)]),
      S.call('scatter.value', [S.ints([3, 4]), 0, ix([2, 1], [1, 2]), S.float(2.5)]),
      S.call('scatter.value', [S.bools([3]), 0, ix([2, 1], [2]), true]),
      S.call(
        'scatter.reduce',
        [S.randn([3, 4]), 0, ix([2, 2, 2, 0, 0, 0], [2, 3]), S.randn([2, 3])],
        { reduce: 'add' },
        { noGradcheck: 'PyTorch 1.13 has no derivative for scatter with reduce (the rule raises as it does)' },
      ),
      S.call(
        'scatter.reduce',
        [S.randn([3, 4]), 1, ix([1, 1, 1, 2], [2, 2]), S.randn([2, 2])],
        { reduce: 'multiply' },
        { noGradcheck: 'PyTorch 1.13 has no derivative for scatter with reduce (the rule raises as it does)' },
      ),
      S.call(
        'scatter.value_reduce',
        [S.randn([3, 4]), 1, ix([1, 1, 2], [1, 3]), 2],
        { reduce: 'add' },
        { noGradcheck: 'PyTorch 1.13 has no derivative for scatter with reduce (the rule raises as it does)' },
      ),
      S.call('scatter.value_reduce', [S.ints([3, 4]), 1, ix([1, 1, 2], [1, 3]), 3], { reduce: 'multiply' }),
      S.error(
        'scatter.value_reduce',
        [S.randn([3, 4]), 0, ix([0, 1], [1, 2]), 2],
        'reduce argument must be either add or multiply.',
        { reduce: 'mean' },
      ),
      S.error(
        'scatter.value',
        [S.randn([3, 4]), 0, ix([0, 4], [1, 2]), 1],
        'index 4 is out of bounds for dimension 0 with size 3',
      ),
      S.error(
        'scatter.value',
        [S.randn([3, 4]), 0, ix([0, 1], [2]), 1],
        'Index tensor must have the same number of dimensions as self tensor',
      ),
      S.error(
        'scatter.value',
        [S.randn([3, 4]), 0, S.of([0, 1], [1, 2]), 1],
        'scatter(): Expected dtype int64 for index',
      ),
      S.error(
        'scatter.value',
        [S.randn([3, 4]), 0, ix([0, 1, 1, 1, 1], [1, 5]), 1],
        'Expected index [1, 5] to be smaller than self [3, 4] apart from dimension 0',
      ),
      S.error(
        'scatter.src',
        [S.randn([3, 4]), 0, ix([0, 1], [1, 2]), S.t([1, 2], { dtype: 'float64' })],
        'scatter(): Expected self.dtype to be equal to src.dtype',
      ),
      S.error(
        'scatter.src',
        [S.randn([3, 4]), 0, ix([0, 1], [1, 2]), S.randn([1, 1])],
        'Expected index [1, 2] to be smaller than self [3, 4] apart from dimension 0 and to be smaller size than src [1, 1]',
      ),
      S.call('scatter_.src', [S.randn([3, 4], 'transposed'), 0, ix([2, 0], [1, 2]), S.randn([1, 2])]),
      S.call('scatter_.value', [S.randn([3, 4]), -1, ix([2, 0], [1, 2]), 5]),
      S.call('scatter_.reduce', [S.randn([3, 4]), 0, ix([2, 2], [1, 2]), S.randn([1, 2])], { reduce: 'add' }),
      S.call('scatter_.value_reduce', [S.randn([3, 4]), 0, ix([2, 2], [1, 2]), 3], { reduce: 'multiply' }),
      S.call('scatter.src_out', [S.randn([3, 4]), 0, ix([2, 0], [1, 2]), S.randn([1, 2])], { out: S.randn([0]) }),
      S.call('scatter.value_out', [S.randn([3, 4]), 0, ix([2, 0], [1, 2]), 1], { out: S.randn([3, 4]) }),
      S.call('scatter.reduce_out', [S.randn([3, 4]), 0, ix([2, 2], [1, 2]), S.randn([1, 2])], {
        reduce: 'add',
        out: S.randn([3, 4]),
      }),
      S.call('scatter.value_reduce_out', [S.randn([3, 4]), 0, ix([2, 2], [1, 2]), 2], {
        reduce: 'add',
        out: S.randn([3, 4]),
      }),
    ];
  },
});
