import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT } from '../core/dtypes.js';
import { full } from '../core/helpers.js';
import { factoryDtype, outImpl, sizedMeta, sizeList } from '../groups/factory.js';

export const ones = defineOp({
  schemas: [
    'aten::ones(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::ones.out(SymInt[] size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => full(ctx, sizeList(args.size), 1, factoryDtype(args, DEFAULT_FLOAT)),
    out: outImpl((args, ctx, dtype) => full(ctx, sizeList(args.size), 1, dtype), 'ones.out'),
  },
  meta: { '': sizedMeta('size', (args) => factoryDtype(args, DEFAULT_FLOAT)) },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('ones', [[2, 3]]),
    S.call('ones', [[]]),
    S.call('ones', [[0]]),
    S.call('ones', [[3]], { dtype: 'int32' }),
    S.call('ones', [[2, 2]], { dtype: 'bool', device: 'cpu' }),
    S.call('ones', [[2]], { dtype: 'bfloat16' }),
    S.call('ones.out', [[2, 3]], { out: S.randn([2, 3]) }),
    S.call('ones.out', [[4]], { out: S.ints([1]) }),
    S.error('ones', [[2, -3]], 'Trying to create tensor with negative dimension -3'),
  ],
});
