import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT } from '../core/dtypes.js';
import { full } from '../core/helpers.js';
import { factoryDtype, outImpl, sizedMeta, sizeList } from '../groups/factory.js';

export const zeros = defineOp({
  schemas: [
    'aten::zeros(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::zeros.out(SymInt[] size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => full(ctx, sizeList(args.size), 0, factoryDtype(args, DEFAULT_FLOAT)),
    out: outImpl((args, ctx, dtype) => full(ctx, sizeList(args.size), 0, dtype), 'zeros.out'),
  },
  meta: { '': sizedMeta('size', (args) => factoryDtype(args, DEFAULT_FLOAT)) },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('zeros', [[2, 3]]),
    S.call('zeros', [[]]),
    S.call('zeros', [[0, 4]]),
    S.call('zeros', [[3]], { dtype: 'int64' }),
    S.call('zeros', [[2, 2]], { dtype: 'bool', device: 'cpu' }),
    S.call('zeros', [[2]], { dtype: 'float64', layout: null, pin_memory: false }),
    S.call('zeros.out', [[2, 3]], { out: S.randn([6]) }),
    S.call('zeros.out', [[4]], { out: S.ints([4]) }),
    S.error('zeros', [[-1, 2]], 'Trying to create tensor with negative dimension -1: [-1, 2]'),
  ],
});
