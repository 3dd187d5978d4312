import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, type DType, isFloatingDtype, scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl, tensorOfValues } from '../groups/factory.js';
import { linspaceValues } from './linspace.js';

function logspaceTensor(ctx: OpContext, args: OpArgs, dtype: DType): TensorLike {
  const exponents = linspaceValues(
    scalarToNumber(args.start),
    scalarToNumber(args.end),
    args.steps,
    isFloatingDtype(dtype) ? dtype : 'float64',
  );
  const values = exponents.map((x) => scalarToNumber(args.base) ** x);
  if (!isFloatingDtype(dtype)) for (let i = 0; i < values.length; i++) values[i] = Math.trunc(values[i]);
  return tensorOfValues(ctx, [values.length], dtype, values);
}

export const logspace = defineOp({
  schemas: [
    'aten::logspace(Scalar start, Scalar end, int steps, float base=10., *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::logspace.out(Scalar start, Scalar end, int steps, float base=10., *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => logspaceTensor(ctx, args, factoryDtype(args, DEFAULT_FLOAT)),
    out: outImpl((args, ctx, dtype) => logspaceTensor(ctx, args, dtype), 'logspace.out'),
  },
  meta: {
    '': (args) => {
      if (args.steps < 0) throw new OpError('number of steps must be non-negative');
      return { sizes: [args.steps], dtype: factoryDtype(args, DEFAULT_FLOAT) };
    },
  },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('logspace', [0, 2, 3]),
    S.call('logspace', [-1, 1, 5]),
    S.call('logspace', [0, 3, 4, 2]),
    S.call('logspace', [0, 1, 1]),
    S.call('logspace', [0, 1, 0]),
    S.call('logspace', [0.5, 2.5, 5], { dtype: 'float64', device: 'cpu' }),
    S.call('logspace', [0, 3, 4], { dtype: 'int64' }),
    S.call('logspace.out', [0, 2, 3], { out: S.randn([3]) }),
    S.error('logspace', [0, 1, -2], 'number of steps must be non-negative'),
  ],
});
