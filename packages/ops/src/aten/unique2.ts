import { defineOp } from '../core/define-op.js';
import { outImpl, withOuts } from '../groups/outs.js';
import { uniqueElements, uniqueTriple } from '../groups/unique.js';

/** torch.unique without dim. The values come out sorted even for sorted=False (PyTorch allows both). */
export const unique2 = defineOp({
  schemas: [
    'aten::_unique2(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)',
    'aten::_unique2.out(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ '_unique2.out': outImpl(fn, ['out0', 'out1', 'out2']) }),
    (args, ctx) => {
      const counts = args.return_counts === true;
      // PyTorch computes the inverse whenever it counts, and returns it then too.
      return uniqueTriple(ctx, uniqueElements(ctx, args.self, false), args.return_inverse === true || counts, counts);
    },
  ),
  nondifferentiable: 'PyTorch has no derivative for unique',
  samples: (S) => {
    const ints = () => S.of([5, 1, 4, 1, 3, 9, 2, 5, 1, 4], [2, 5], 'int64');
    return [
      S.call('_unique2', [ints()]),
      S.call('_unique2', [ints(), true, true, true]),
      S.call('_unique2', [ints(), true, false, true]),
      S.call('_unique2', [S.ints([3, 4], -3, 3, 'int32'), true, true, false]),
      S.call('_unique2', [S.t([4, 3], { dtype: 'int64', layout: 'transposed', low: 0, high: 4 }), true, true, true]),
      S.call('_unique2', [S.t([3, 4], { dtype: 'int64', layout: 'strided', low: 0, high: 4 }), true, true, true]),
      S.call('_unique2', [S.of([2.5, -1, 2.5, 0, -1, 7.25], [6]), true, true, true]),
      S.call('_unique2', [S.t([6], { dtype: 'float64', layout: 'offset', low: 0, high: 3 }), true, true, true]),
      S.call('_unique2', [S.bools([7]), true, true, true]),
      S.call('_unique2', [S.t([5], { dtype: 'uint8', low: 0, high: 3 }), true, true, true]),
      S.call('_unique2', [S.t([5], { dtype: 'bfloat16', low: 0, high: 2 }), true, true, true]),
      S.call('_unique2', [S.of([3], [], 'int64'), true, true, true]),
      S.call('_unique2', [S.randn([0, 3]), true, true, true]),
      S.call('_unique2', [S.expand(S.of([2, 1, 2], [3], 'int64'), [2, 3]), true, true, true]),
      // Unsorted: PyTorch returns a hash order, so only the sizes are compared.
      S.call('_unique2', [ints(), false, true, true], undefined, { check: 'meta' }),
      S.error('_unique2', [S.t([3], { dtype: 'float16' })], `"unique" not implemented for 'Half'`),
      S.call('_unique2.out', [ints(), true, true, true], { out0: S.ints([0]), out1: S.ints([0]), out2: S.ints([0]) }),
      S.call('_unique2.out', [ints(), true, true, true], { out0: S.randn([0]), out1: S.ints([0]), out2: S.ints([0]) }),
    ];
  },
});
