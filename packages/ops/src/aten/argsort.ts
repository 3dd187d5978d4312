import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { oneDim } from '../groups/reduce.js';

export const argsort = defineOp({
  schemas: [
    'aten::argsort(Tensor self, int dim=-1, bool descending=False) -> Tensor',
    'aten::argsort.stable(Tensor self, *, bool stable, int dim=-1, bool descending=False) -> Tensor',
    'aten::argsort.stable_out(Tensor self, *, bool stable, int dim=-1, bool descending=False, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const self = args.self;
    const d = oneDim(args.dim, self.sizes.length);
    const out = ctx.empty(self.sizes, 'int64');
    K.argsort(out, self, d, args.descending === true);
    return out;
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: 'int64' }),
  nondifferentiable: 'integer output (indices)',
  samples: (S) => {
    const ties = () => S.of([3, 1, 2, 1, 0, 5, 4, 5, 2, 2, 2, 2], [3, 4]);
    return [
      S.call('argsort', [S.randn([3, 4])]),
      S.call('argsort', [S.randn([3, 4]), 0, true]),
      S.call('argsort', [S.randn([2, 3, 4], 'transposed'), -2]),
      S.call('argsort', [S.randn([3, 4], 'strided'), 1]),
      S.call('argsort', [S.randn([6], 'offset')]),
      S.call('argsort', [S.randn([])]),
      S.call('argsort', [S.randn([0, 3]), 1]),
      S.call('argsort', [ties()]),
      S.call('argsort', [S.of([1, Number.NaN, -2, 0])]),
      S.call('argsort', [S.ints([3, 4], -5, 5, 'int32'), 0]),
      S.call('argsort', [S.bools([2, 4])]),
      S.call('argsort.stable', [ties()], { stable: true }),
      S.call('argsort.stable', [ties()], { stable: true, dim: 0, descending: true }),
      S.error(
        'argsort',
        [S.randn([2, 3]), -3],
        'Dimension out of range (expected to be in range of [-2, 1], but got -3)',
      ),
      S.call('argsort.stable_out', [ties()], { stable: true, out: S.ints([3, 4]) }),
    ];
  },
});
