import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, type DType } from '../core/dtypes.js';
import { full } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl } from '../groups/factory.js';

function eyeTensor(ctx: OpContext, n: number, m: number | null, dtype: DType): TensorLike {
  if (n < 0) throw new OpError(`n must be greater or equal to 0, got ${n}`);
  const cols = m ?? n;
  if (cols < 0) throw new OpError(`m must be greater or equal to 0, got ${cols}`);
  const out = full(ctx, [n, cols], 0, dtype);
  const k = Math.min(n, cols);
  // The diagonal is a strided view of the contiguous result.
  if (k > 0) K.fill(ctx.view(out, [k], [cols + 1], out.offset), 1);
  return out;
}

export const eye = defineOp({
  schemas: [
    'aten::eye(int n, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::eye.m(int n, int m, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::eye.out(int n, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::eye.m_out(int n, int m, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => eyeTensor(ctx, args.n, null, factoryDtype(args, DEFAULT_FLOAT)),
    m: (args, ctx) => eyeTensor(ctx, args.n, args.m, factoryDtype(args, DEFAULT_FLOAT)),
    out: outImpl((args, ctx, dtype) => eyeTensor(ctx, args.n, null, dtype), 'eye.out'),
    m_out: outImpl((args, ctx, dtype) => eyeTensor(ctx, args.n, args.m, dtype), 'eye.m_out'),
  },
  meta: {
    '': (args) => ({ sizes: [args.n, args.n], dtype: factoryDtype(args, DEFAULT_FLOAT) }),
    m: (args) => ({ sizes: [args.n, args.m], dtype: factoryDtype(args, DEFAULT_FLOAT) }),
  },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('eye', [3]),
    S.call('eye', [0]),
    S.call('eye', [1], { dtype: 'int64', device: 'cpu' }),
    S.call('eye', [4], { dtype: 'bool' }),
    S.call('eye.m', [2, 4]),
    S.call('eye.m', [4, 2], { dtype: 'float64' }),
    S.call('eye.m', [3, 0]),
    S.call('eye.out', [3], { out: S.ints([2]) }),
    S.call('eye.m_out', [2, 3], { out: S.randn([2, 3]) }),
    S.error('eye', [-1], 'n must be greater or equal to 0, got -1'),
    S.error('eye.m', [2, -1], 'm must be greater or equal to 0, got -1'),
  ],
});
