import { defineOp } from '../core/define-op.js';
import { outImpl, withOuts } from '../groups/outs.js';
import { uniqueSlices } from '../groups/unique.js';

/** torch.unique(dim=...): unique slices, always sorted; the inverse and counts are always computed. */
export const uniqueDim = defineOp({
  schemas: [
    'aten::unique_dim(Tensor self, int dim, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)',
    'aten::unique_dim.out(Tensor self, int dim, bool sorted=True, bool return_inverse=False, bool return_counts=False, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ 'unique_dim.out': outImpl(fn, ['out0', 'out1', 'out2']) }),
    (args, ctx) => {
      const r = uniqueSlices(ctx, args.self, args.dim, false);
      return [r.values, r.inverse, r.counts];
    },
  ),
  nondifferentiable: 'PyTorch has no derivative for unique',
  samples: (S) => {
    const rows = () => S.of([5, 1, 5, 1, 2, 2, 1, 5, 2, 2], [5, 2], 'int64');
    return [
      S.call('unique_dim', [rows(), 0]),
      S.call('unique_dim', [rows(), 0, true, true, true]),
      S.call('unique_dim', [rows(), 1, true, true, true]),
      S.call('unique_dim', [rows(), -1, false, false, false]),
      S.call('unique_dim', [S.t([3, 2, 4], { dtype: 'int64', low: 0, high: 2 }), 1, true, true, true]),
      S.call('unique_dim', [
        S.t([4, 3], { dtype: 'int32', layout: 'transposed', low: 0, high: 2 }),
        0,
        true,
        true,
        true,
      ]),
      S.call('unique_dim', [
        S.t([4, 3], { dtype: 'float32', layout: 'strided', low: 0, high: 2 }),
        1,
        true,
        true,
        true,
      ]),
      S.call('unique_dim', [S.of([1, 0.5, 1, 0.5, -2, 3], [3, 2]), 0, true, true, true]),
      S.call('unique_dim', [S.bools([3, 2]), 0, true, true, true]),
      S.call('unique_dim', [S.of([4, 4, 4], [3], 'int64'), 0, true, true, true]),
      S.call('unique_dim', [S.randn([0, 3]), 0, true, true, true]),
      S.error(
        'unique_dim',
        [S.randn([2, 0]), 0],
        "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied",
      ),
      S.error('unique_dim', [S.randn([]), 0], 'Dimension specified as 0 but tensor has no dimensions'),
      S.error('unique_dim', [rows(), 2], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'),
      S.error('unique_dim', [S.t([3], { dtype: 'float16' }), 0], `"unique_dim" not implemented for 'Half'`),
      S.call('unique_dim.out', [rows(), 0, true, true, true], {
        out0: S.ints([0]),
        out1: S.ints([0]),
        out2: S.ints([0]),
      }),
    ];
  },
});
