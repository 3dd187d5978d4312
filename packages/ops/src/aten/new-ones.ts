import { defineOp } from '../core/define-op.js';
import { full } from '../core/helpers.js';
import { factoryDtype, outImpl, sizedMeta, sizeList } from '../groups/factory.js';

export const newOnes = defineOp({
  schemas: [
    'aten::new_ones(Tensor self, SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::new_ones.out(Tensor self, SymInt[] size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => full(ctx, sizeList(args.size), 1, factoryDtype(args, args.self.dtype)),
    out: outImpl((args, ctx, dtype) => full(ctx, sizeList(args.size), 1, dtype), 'new_ones.out'),
  },
  meta: { '': sizedMeta('size', (args) => factoryDtype(args, args.self.dtype)) },
  nondifferentiable: 'the result does not depend on the values of self',
  samples: (S) => [
    S.call('new_ones', [S.randn([2, 3]), [4]]),
    S.call('new_ones', [S.ints([2]), [2, 3]]),
    S.call('new_ones', [S.randn([3], 'strided'), []]),
    S.call('new_ones', [S.randn([3]), [0, 2]]),
    S.call('new_ones', [S.bools([2]), [3]]),
    S.call('new_ones', [S.randn([2]), [2, 2]], { dtype: 'int32', device: 'cpu' }),
    S.call('new_ones.out', [S.randn([2]), [3]], { out: S.ints([3]) }),
    S.error('new_ones', [S.randn([2]), [-1]], 'Trying to create tensor with negative dimension -1'),
  ],
});
