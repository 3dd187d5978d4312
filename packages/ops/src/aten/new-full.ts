import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { full } from '../core/helpers.js';
import { factoryDtype, outImpl, sizedMeta, sizeList } from '../groups/factory.js';

export const newFull = defineOp({
  schemas: [
    'aten::new_full(Tensor self, SymInt[] size, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::new_full.out(Tensor self, SymInt[] size, Scalar fill_value, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) =>
      full(ctx, sizeList(args.size), scalarToNumber(args.fill_value), factoryDtype(args, args.self.dtype)),
    out: outImpl(
      (args, ctx, dtype) => full(ctx, sizeList(args.size), scalarToNumber(args.fill_value), dtype),
      'new_full.out',
    ),
  },
  meta: { '': sizedMeta('size', (args) => factoryDtype(args, args.self.dtype)) },
  nondifferentiable: 'the result does not depend on the values of self',
  samples: (S) => [
    S.call('new_full', [S.randn([2, 3]), [4], 2]),
    S.call('new_full', [S.ints([2]), [2, 3], 2.5]),
    S.call('new_full', [S.randn([3], 'strided'), [], S.float(-1)]),
    S.call('new_full', [S.randn([3]), [0, 2], 1]),
    S.call('new_full', [S.bools([2]), [3], true]),
    S.call('new_full', [S.randn([2]), [2, 2], 7], { dtype: 'int32', device: 'cpu' }),
    S.call('new_full.out', [S.randn([2]), [3], 5], { out: S.ints([3]) }),
    S.error('new_full', [S.randn([2]), [-1], 0], 'Trying to create tensor with negative dimension -1'),
  ],
});
