import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { cloneOf, withIndexErrors } from '../groups/indexing.js';

/** The slices of self along dim at the positions in a 1-d (or 0-d) index. */
export const indexSelect = defineOp({
  schemas: [
    'aten::index_select(Tensor self, int dim, Tensor index) -> Tensor',
    'aten::index_select.out(Tensor self, int dim, Tensor index, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const { self, index } = args;
    const d = normalizeDim(args.dim, self.sizes.length);
    if (index.sizes.length > 1) throw new OpError('index_select(): Index is supposed to be a vector', 'IndexError');
    if (index.dtype !== 'int64' && index.dtype !== 'int32') {
      throw new OpError('index_select(): Expected dtype int32 or int64 for index');
    }
    const n = index.sizes.length ? index.sizes[0] : 1;
    const sizes = self.sizes.length === 0 ? [n] : self.sizes.map((s: number, i: number) => (i === d ? n : s));
    const out = ctx.empty(sizes, self.dtype);
    withIndexErrors(
      () => K.indexSelect(out, self, d, index.sizes.length ? index : ctx.view(index, [1], [0], index.offset)),
      'IndexError',
      () => 'index out of range in self',
    );
    // PyTorch keeps a 0-d self 0-d (every valid index selects its one element).
    return self.sizes.length === 0 ? cloneOf(ctx, self) : out;
  },
  meta: (args) => {
    const { self, index } = args;
    const d = normalizeDim(args.dim, self.sizes.length);
    const n = index.sizes.length ? index.sizes[0] : 1;
    return { sizes: self.sizes.map((s: number, i: number) => (i === d ? n : s)), dtype: self.dtype };
  },
  derivative: (F, { grad, self, dim, index }) => ({ self: F.indexAdd(F.zerosLike(self), dim, index, grad) }),
  samples: (S) => {
    const ix = (values: number[], dtype: 'int64' | 'int32' = 'int64') => S.of(values, [values.length], dtype);
    return [
      S.call('index_select', [S.randn([3, 4]), 0, ix([2, 0, 2])]),
      S.call('index_select', [S.randn([3, 4], 'transposed'), 1, ix([3, 1], 'int32')]),
      S.call('index_select', [S.randn([3, 4], 'strided'), -1, ix([0])]),
      S.call('index_select', [S.randn([2, 3, 2], 'offset'), 1, S.of([2], [], 'int64')]),
      S.call('index_select', [S.randn([]), 0, ix([0])]),
      S.call('index_select', [S.randn([3, 4]), 1, ix([])]),
      S.call('index_select', [S.ints([4, 2]), 0, ix([3, 3, 0])]),
      S.call('index_select', [S.bools([4]), 0, ix([3, 1])]),
      S.call('index_select', [S.expand(S.randn([1, 3]), [4, 3]), 0, ix([3, 1])]),
      S.error('index_select', [S.randn([3, 4]), 0, ix([0, 7])], 'index out of range in self'),
      S.error('index_select', [S.randn([3, 4]), 0, ix([0, -1])], 'index out of range in self'),
      S.error('index_select', [S.randn([3, 4]), 0, S.of([0, 1], [1, 2], 'int64')], 'Index is supposed to be a vector'),
      S.error(
        'index_select',
        [S.randn([3, 4]), 0, S.of([0, 1])],
        'index_select(): Expected dtype int32 or int64 for index',
      ),
      S.error(
        'index_select',
        [S.randn([3, 4]), 2, ix([0])],
        'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
      ),
      S.call('index_select.out', [S.randn([3, 4]), 0, ix([1])], { out: S.randn([0]) }),
    ];
  },
});
