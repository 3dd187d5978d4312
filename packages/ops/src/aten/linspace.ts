import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, type DType, isFloatingDtype, scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl, tensorOfValues } from '../groups/factory.js';

/**
 * PyTorch's linspace values: start + step * i for the first half and end - step * (steps - 1 - i)
 * for the second (so that both ends are exact), with float32 arithmetic for float32 results and
 * double steps for integral ones.
 */
export function linspaceValues(start: number, end: number, steps: number, dtype: DType): Float64Array {
  if (steps < 0) throw new OpError('number of steps must be non-negative');
  const values = new Float64Array(steps);
  if (steps === 0) return values;
  if (steps === 1) {
    values[0] = start;
    return values;
  }
  const f = dtype === 'float32' ? Math.fround : (x: number) => x;
  const s = isFloatingDtype(dtype) ? f(start) : Math.trunc(start);
  const e = isFloatingDtype(dtype) ? f(end) : Math.trunc(end);
  const step = f((e - s) / (steps - 1));
  const halfway = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) {
    values[i] = i < halfway ? f(s + f(step * i)) : f(e - f(step * (steps - i - 1)));
  }
  return values;
}

function linspaceTensor(ctx: OpContext, args: OpArgs, dtype: DType): TensorLike {
  const v = linspaceValues(scalarToNumber(args.start), scalarToNumber(args.end), args.steps, dtype);
  return tensorOfValues(ctx, [v.length], dtype, v);
}

export const linspace = defineOp({
  schemas: [
    'aten::linspace(Scalar start, Scalar end, int steps, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::linspace.out(Scalar start, Scalar end, int steps, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => linspaceTensor(ctx, args, factoryDtype(args, DEFAULT_FLOAT)),
    out: outImpl((args, ctx, dtype) => linspaceTensor(ctx, args, dtype), 'linspace.out'),
  },
  meta: {
    '': (args) => {
      if (args.steps < 0) throw new OpError('number of steps must be non-negative');
      return { sizes: [args.steps], dtype: factoryDtype(args, DEFAULT_FLOAT) };
    },
  },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('linspace', [0, 10, 5]),
    S.call('linspace', [0, 10, 4]),
    S.call('linspace', [-1.5, 2.25, 7]),
    S.call('linspace', [3, -3, 6]),
    S.call('linspace', [2, 5, 1]),
    S.call('linspace', [2, 5, 0]),
    S.call('linspace', [0, 1, 11], { dtype: 'float64', device: 'cpu' }),
    S.call('linspace', [0, 10, 4], { dtype: 'int64' }),
    S.call('linspace', [-7, 8, 6], { dtype: 'int32' }),
    S.call('linspace.out', [0, 1, 5], { out: S.randn([5]) }),
    S.call('linspace.out', [0, 9, 4], { out: S.ints([1]) }),
    S.error('linspace', [0, 1, -1], 'number of steps must be non-negative'),
  ],
});
