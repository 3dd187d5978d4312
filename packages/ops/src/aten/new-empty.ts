import { defineOp } from '../core/define-op.js';
import { full } from '../core/helpers.js';
import { factoryDtype, outImpl, sizedMeta, sizeList } from '../groups/factory.js';

export const newEmpty = defineOp({
  schemas: [
    'aten::new_empty(Tensor self, SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::new_empty.out(Tensor self, SymInt[] size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => full(ctx, sizeList(args.size), 0, factoryDtype(args, args.self.dtype)),
    out: outImpl((args, ctx, dtype) => full(ctx, sizeList(args.size), 0, dtype), 'new_empty.out'),
  },
  meta: { '': sizedMeta('size', (args) => factoryDtype(args, args.self.dtype)) },
  nondifferentiable: 'the result does not depend on the values of self',
  samples: (S) => [
    S.call('new_empty', [S.randn([2, 3]), [4]], undefined, { check: 'meta' }),
    S.call('new_empty', [S.ints([2]), [2, 3]], undefined, { check: 'meta' }),
    S.call('new_empty', [S.randn([3], 'strided'), []], undefined, { check: 'meta' }),
    S.call('new_empty', [S.randn([3]), [0, 2]], undefined, { check: 'meta' }),
    S.call('new_empty', [S.bools([2]), [3]], undefined, { check: 'meta' }),
    S.call('new_empty', [S.randn([2]), [2, 2]], { dtype: 'int32', device: 'cpu' }, { check: 'meta' }),
    S.call('new_empty.out', [S.randn([2]), [3]], { out: S.ints([3]) }, { check: 'meta' }),
    S.error('new_empty', [S.randn([2]), [-1]], 'Trying to create tensor with negative dimension -1'),
  ],
});
