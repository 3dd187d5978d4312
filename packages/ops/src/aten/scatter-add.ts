import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import type { OpArgs, TensorLike } from '../core/tensor-like.js';
import { checkGatherScatter, cloneOf, padToSizes, withIndexErrors } from '../groups/indexing.js';

function addInto(self: TensorLike, args: OpArgs): TensorLike {
  checkGatherScatter('scatter_add', self, args.dim, args.index, args.src);
  withIndexErrors(() => K.scatterAdd(self, args.dim, args.index, args.src), 'RuntimeError');
  return self;
}

/** self with src added along dim at index (duplicates accumulate). */
export const scatterAdd = defineOp({
  schemas: [
    'aten::scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor',
    'aten::scatter_add.out(Tensor self, int dim, Tensor index, Tensor src, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::scatter_add_(Tensor(a!) self, int dim, Tensor index, Tensor src) -> Tensor(a!)',
  ],
  impl: {
    scatter_add: (args, ctx) => addInto(cloneOf(ctx, args.self), args),
    scatter_add_: (args, ctx) => {
      addInto(args.self, args);
      ctx.bumpVersion(args.self);
      return args.self;
    },
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, dim, index, src }) => ({
    self: grad,
    src: padToSizes(F, F.gather(grad, dim, index), F.sizes(src)),
  }),
  samples: (S) => {
    const ix = (values: number[], sizes: number[]) => S.of(values, sizes, 'int64');
    return [
      S.call('scatter_add', [S.randn([3, 4]), 0, ix([2, 2, 1, 0, 2, 2], [2, 3]), S.randn([2, 3])]),
      S.call('scatter_add', [S.randn([3, 4], 'transposed'), 1, ix([3, 3, 3, 3], [2, 2]), S.randn([3, 4], 'strided')]),
      S.call('scatter_add', [S.randn([2, 3], 'offset'), -1, ix([0, 0, 0], [1, 3]), S.randn([2, 3])]),
      S.call('scatter_add', [S.ints([5]), 0, ix([4, 4, 0], [3]), S.ints([3])]),
      S.call('scatter_add', [S.t([5], { dtype: 'int16' }), 0, ix([4, 4, 0], [3]), S.t([3], { dtype: 'int16' })]),
      S.call('scatter_add', [S.randn([]), 0, S.of([0], [], 'int64'), S.randn([])]),
      S.call('scatter_add', [S.randn([3, 2]), 0, ix([], [0, 2]), S.randn([0, 2])]),
      S.error(
        'scatter_add',
        [S.randn([3, 4]), 0, ix([0, 5], [1, 2]), S.randn([1, 2])],
        'index 5 is out of bounds for dimension 0 with size 3',
      ),
      S.error(
        'scatter_add',
        [S.randn([3, 4]), 0, ix([0, 1], [1, 2]), S.t([1, 2], { dtype: 'float64' })],
        'scatter(): Expected self.dtype to be equal to src.dtype',
      ),
      S.call('scatter_add_', [S.randn([3, 4]), 1, ix([2, 2], [1, 2]), S.randn([1, 2])]),
      S.call('scatter_add.out', [S.randn([3, 4]), 1, ix([2, 2], [1, 2]), S.randn([1, 2])], { out: S.randn([0]) }),
    ];
  },
});
