import { defineOp } from '../core/define-op.js';
import { outImpl, withOuts } from '../groups/outs.js';
import { uniqueElements, uniqueSlices, uniqueTriple } from '../groups/unique.js';

export const uniqueConsecutive = defineOp({
  schemas: [
    'aten::unique_consecutive(Tensor self, bool return_inverse=False, bool return_counts=False, int? dim=None) -> (Tensor, Tensor, Tensor)',
    'aten::unique_consecutive.out(Tensor self, bool return_inverse=False, bool return_counts=False, int? dim=None, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ 'unique_consecutive.out': outImpl(fn, ['out0', 'out1', 'out2']) }),
    (args, ctx) => {
      if (args.dim === null || args.dim === undefined) {
        const r = uniqueElements(ctx, args.self, true);
        return uniqueTriple(ctx, r, args.return_inverse === true, args.return_counts === true);
      }
      const r = uniqueSlices(ctx, args.self, args.dim, true);
      return [r.values, r.inverse, r.counts];
    },
  ),
  nondifferentiable: 'PyTorch has no derivative for unique',
  samples: (S) => {
    const runs = () => S.of([1, 1, 2, 2, 3, 1, 1, 2], [8], 'int64');
    const rows = () => S.of([5, 1, 5, 1, 2, 2, 5, 1, 5, 1], [5, 2], 'int64');
    return [
      S.call('unique_consecutive', [runs()]),
      S.call('unique_consecutive', [runs(), true, true]),
      S.call('unique_consecutive', [runs(), false, true]),
      S.call('unique_consecutive', [S.of([5, 1, 1, 1, 4, 4], [2, 3], 'int32'), true, true]),
      S.call('unique_consecutive', [
        S.t([4, 3], { dtype: 'int64', layout: 'transposed', low: 0, high: 2 }),
        true,
        true,
      ]),
      S.call('unique_consecutive', [S.of([0.5, 0.5, -1, 0.5], [4]), true, true]),
      S.call('unique_consecutive', [S.bools([6]), true, true]),
      S.call('unique_consecutive', [S.of([3], [], 'int64'), true, true]),
      S.call('unique_consecutive', [S.randn([2, 0]), true, true]),
      S.call('unique_consecutive', [rows(), true, true, 0]),
      S.call('unique_consecutive', [rows(), false, false, 0]),
      S.call('unique_consecutive', [rows(), true, true, -1]),
      S.call('unique_consecutive', [S.t([2, 4, 2], { dtype: 'int64', low: 0, high: 2 }), true, true, 1]),
      S.error(
        'unique_consecutive',
        [S.randn([0, 3]), true, true, 1],
        "There are 0 sized dimensions, and they aren't selected",
      ),
      S.error('unique_consecutive', [S.t([3], { dtype: 'float16' })], `"unique" not implemented for 'Half'`),
      S.call('unique_consecutive.out', [runs(), true, true], {
        out0: S.ints([0]),
        out1: S.ints([0]),
        out2: S.ints([0]),
      }),
    ];
  },
});
