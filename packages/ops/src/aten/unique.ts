import { defineOp } from '../core/define-op.js';
import { outImpl, withOuts } from '../groups/outs.js';
import { uniqueElements } from '../groups/unique.js';

/** The older torch.unique op (no counts). */
export const unique = defineOp({
  schemas: [
    'aten::_unique(Tensor self, bool sorted=True, bool return_inverse=False) -> (Tensor, Tensor)',
    'aten::_unique.out(Tensor self, bool sorted=True, bool return_inverse=False, *, Tensor(a!) out0, Tensor(b!) out1) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ '_unique.out': outImpl(fn, ['out0', 'out1']) }),
    (args, ctx) => {
      const r = uniqueElements(ctx, args.self, false);
      return [r.values, args.return_inverse === true ? r.inverse : ctx.empty([0], 'int64')];
    },
  ),
  nondifferentiable: 'PyTorch has no derivative for unique',
  samples: (S) => {
    const ints = () => S.of([5, 1, 4, 1, 3, 9, 2, 5, 1, 4], [2, 5], 'int64');
    return [
      S.call('_unique', [ints()]),
      S.call('_unique', [ints(), true, true]),
      S.call('_unique', [S.t([4, 3], { dtype: 'int32', layout: 'transposed', low: 0, high: 4 }), true, true]),
      S.call('_unique', [S.of([2.5, -1, 2.5, 0], [4]), true, true]),
      S.call('_unique', [S.of([3], [], 'int64'), true, true]),
      S.call('_unique', [S.randn([0]), true, true]),
      S.call('_unique', [ints(), false, true], undefined, { check: 'meta' }),
      S.call('_unique.out', [ints(), true, true], { out0: S.ints([0]), out1: S.ints([0]) }),
    ];
  },
});
