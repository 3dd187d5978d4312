import { defineOp } from '../core/define-op.js';
import { outImpl, withOuts } from '../groups/outs.js';
import { uniqueSlices } from '../groups/unique.js';

export const uniqueDimConsecutive = defineOp({
  schemas: [
    'aten::unique_dim_consecutive(Tensor self, int dim, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)',
    'aten::unique_dim_consecutive.out(Tensor self, int dim, bool return_inverse=False, bool return_counts=False, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ 'unique_dim_consecutive.out': outImpl(fn, ['out0', 'out1', 'out2']) }),
    (args, ctx) => {
      const r = uniqueSlices(ctx, args.self, args.dim, true);
      return [r.values, r.inverse, r.counts];
    },
  ),
  nondifferentiable: 'PyTorch has no derivative for unique',
  samples: (S) => {
    const rows = () => S.of([5, 1, 5, 1, 2, 2, 5, 1, 5, 1], [5, 2], 'int64');
    return [
      S.call('unique_dim_consecutive', [rows(), 0]),
      S.call('unique_dim_consecutive', [rows(), 0, true, true]),
      S.call('unique_dim_consecutive', [rows(), 1, true, true]),
      S.call('unique_dim_consecutive', [S.t([3, 2, 4], { dtype: 'int64', low: 0, high: 2 }), 2, true, true]),
      S.call('unique_dim_consecutive', [S.t([4, 3], { dtype: 'float32', layout: 'transposed', low: 0, high: 2 }), 0]),
      S.call('unique_dim_consecutive', [S.randn([0, 3]), 0, true, true]),
      S.error('unique_dim_consecutive', [S.randn([3, 0]), 0], "There are 0 sized dimensions, and they aren't selected"),
      S.error('unique_dim_consecutive', [S.randn([]), 0], 'Dimension specified as 0 but tensor has no dimensions'),
      S.call('unique_dim_consecutive.out', [rows(), 0, true, true], {
        out0: S.ints([0]),
        out1: S.ints([0]),
        out2: S.ints([0]),
      }),
    ];
  },
});
