import { defineOp } from '../core/define-op.js';
import { selectedBackward } from '../groups/reduce.js';
import { sortImpl } from './sort.js';

export const msort = defineOp({
  schemas: ['aten::msort(Tensor self) -> Tensor', 'aten::msort.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)'],
  impl: (args, ctx) => sortImpl({ self: args.self, dim: 0, descending: false }, ctx)[0],
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, self }) => {
    if (F.sizes(self).length === 0) return { self: grad };
    const [, indices] = F.sort(self, 0);
    return { self: selectedBackward(F, grad, self, 0, indices, true) };
  },
  samples: (S) => [
    S.call('msort', [S.randn([4, 3])]),
    S.call('msort', [S.randn([4, 3], 'transposed')]),
    S.call('msort', [S.randn([6], 'strided')]),
    S.call('msort', [S.randn([])]),
    S.call('msort', [S.randn([0, 2])]),
    S.call('msort', [S.ints([5, 2])]),
    S.call('msort', [S.of([1, Number.NaN, 0, 2, 2, -1], [3, 2])]),
    S.call('msort.out', [S.randn([4, 3])], { out: S.randn([4, 3]) }),
  ],
});
