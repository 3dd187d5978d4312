import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT } from '../core/dtypes.js';
import { scalarTensor as makeScalar } from '../core/helpers.js';
import { factoryDtype, outImpl } from '../groups/factory.js';

// Unlike full, the dtype is the default float dtype whatever the scalar's type.
export const scalarTensor = defineOp({
  schemas: [
    'aten::scalar_tensor(Scalar s, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::scalar_tensor.out(Scalar s, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => makeScalar(ctx, args.s, factoryDtype(args, DEFAULT_FLOAT)),
    out: outImpl((args, ctx, dtype) => makeScalar(ctx, args.s, dtype), 'scalar_tensor.out'),
  },
  meta: { '': (args) => ({ sizes: [], dtype: factoryDtype(args, DEFAULT_FLOAT) }) },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('scalar_tensor', [3]),
    S.call('scalar_tensor', [2.5]),
    S.call('scalar_tensor', [true]),
    S.call('scalar_tensor', [S.float(-4)], { dtype: 'float64', device: 'cpu' }),
    S.call('scalar_tensor', [7], { dtype: 'int64' }),
    S.call('scalar_tensor', [1], { dtype: 'bool' }),
    S.call('scalar_tensor.out', [5], { out: S.ints([3]) }),
  ],
});
