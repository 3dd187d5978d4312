import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { checkGatherScatter, withIndexErrors } from '../groups/indexing.js';

/** out[i][j] = self[index[i][j]][j] (dim 0): values of self along dim at index. */
export const gather = defineOp({
  schemas: [
    'aten::gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor',
    'aten::gather.out(Tensor self, int dim, Tensor index, *, bool sparse_grad=False, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    checkGatherScatter('gather', args.self, args.dim, args.index);
    const out = ctx.empty(args.index.sizes, args.self.dtype);
    withIndexErrors(() => K.gather(out, args.self, args.dim, args.index), 'RuntimeError');
    return out;
  },
  meta: (args) => ({ sizes: args.index.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, self, dim, index }) => ({ self: F.scatterAdd(F.zerosLike(self), dim, index, grad) }),
  samples: (S) => {
    const ix = (values: number[], sizes: number[]) => S.of(values, sizes, 'int64');
    return [
      S.call('gather', [S.randn([3, 4]), 1, ix([0, 3, 1, 1, 2, 0], [3, 2])]),
      S.call('gather', [S.randn([3, 4], 'transposed'), 0, ix([2, 0, 1, 1, 0, 0], [2, 3])]),
      S.call('gather', [S.randn([3, 4], 'strided'), -1, ix([3, 3], [1, 2])]),
      S.call('gather', [S.randn([2, 3, 2], 'offset'), -2, ix([2, 0, 1, 1], [2, 2, 1])]),
      S.call('gather', [S.randn([]), 0, S.of([0], [], 'int64')]),
      S.call('gather', [S.randn([3, 4]), 1, ix([], [3, 0])]),
      S.call('gather', [S.ints([3, 4]), 0, ix([2, 2, 2, 2], [1, 4])]),
      S.call('gather', [S.bools([4]), 0, ix([3, 1], [2])]),
      S.call('gather', [S.t([4], { dtype: 'float16' }), 0, ix([3, 1], [2])]),
      S.call('gather', [S.t([4], { dtype: 'int8' }), 0, ix([0, 2], [2])]),
      S.call('gather', [S.randn([3, 4]), 1, S.expand(ix([1], [1, 1]), [3, 2])], { sparse_grad: false }),
      S.error(
        'gather',
        [S.randn([3, 4]), 1, ix([0, 9], [1, 2])],
        'index 9 is out of bounds for dimension 1 with size 4',
      ),
      S.error(
        'gather',
        [S.randn([3, 4]), 1, ix([0, -1], [1, 2])],
        'index -1 is out of bounds for dimension 1 with size 4',
      ),
      S.error('gather', [S.randn([3, 4]), 1, S.of([0, 1], [1, 2])], 'gather(): Expected dtype int64 for index'),
      S.error(
        'gather',
        [S.randn([3, 4]), 1, ix([0, 1], [2])],
        'Index tensor must have the same number of dimensions as input tensor',
      ),
      S.error(
        'gather',
        [S.randn([3, 4]), 0, ix([0, 1, 1, 1, 1], [1, 5])],
        'Size does not match at dimension 1 expected index [1, 5] to be smaller than self [3, 4] apart from dimension 0',
      ),
      S.error(
        'gather',
        [S.randn([3, 4]), 2, ix([0], [1, 1])],
        'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
      ),
      S.call('gather.out', [S.randn([3, 4]), 1, ix([0, 3], [1, 2])], { out: S.randn([0]) }),
    ];
  },
});
