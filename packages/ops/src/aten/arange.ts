import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, type DType, isFloatingDtype, isScalar, scalarDtype, scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, Scalar, TensorLike } from '../core/tensor-like.js';
import { factoryDtype, outImpl, tensorOfValues } from '../groups/factory.js';

// int64 unless one of start/end/step is a float (then the default float dtype).
function inferDtype(args: OpArgs): DType {
  const values = [args.start, args.end, args.step].filter((v) => isScalar(v)) as Scalar[];
  return values.some((v) => isFloatingDtype(scalarDtype(v))) ? DEFAULT_FLOAT : 'int64';
}

function rangeOf(args: OpArgs, dtype: DType): { start: number; step: number; size: number } {
  // Integral results convert the bounds to the integer type first (arange(0.5, 3, 0.5, dtype=int64) has step 0).
  const conv = (v: Scalar | undefined, d: number) => {
    const x = v === undefined || v === null ? d : scalarToNumber(v);
    return isFloatingDtype(dtype) ? x : Math.trunc(x);
  };
  const start = conv(args.start, 0);
  const end = conv(args.end, 0);
  const step = conv(args.step, 1);
  if (!Number.isFinite(start) || !Number.isFinite(end))
    throw new OpError(`unsupported range: ${fmt(start)} -> ${fmt(end)}`);
  if (step === 0) throw new OpError('step must be nonzero');
  if (!((step > 0 && end >= start) || (step < 0 && end <= start))) {
    throw new OpError('upper bound and larger bound inconsistent with step sign');
  }
  const size = Math.ceil((end - start) / step);
  return { start, step, size };
}

// C++ prints infinities as inf.
const fmt = (x: number) => (Number.isFinite(x) ? String(x) : x > 0 ? 'inf' : Number.isNaN(x) ? 'nan' : '-inf');

function arangeTensor(ctx: OpContext, args: OpArgs, dtype: DType): TensorLike {
  const { start, step, size } = rangeOf(args, dtype);
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = start + step * i;
  return tensorOfValues(ctx, [size], dtype, values);
}

const functional = (args: OpArgs, ctx: OpContext) => arangeTensor(ctx, args, factoryDtype(args, inferDtype(args)));
const meta = (args: OpArgs) => {
  const dtype = factoryDtype(args, inferDtype(args));
  return { sizes: [rangeOf(args, dtype).size], dtype };
};

export const arange = defineOp({
  schemas: [
    'aten::arange(Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::arange.start(Scalar start, Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::arange.start_step(Scalar start, Scalar end, Scalar step=1, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::arange.start_out(Scalar start, Scalar end, Scalar step=1, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::arange.out(Scalar end, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': functional,
    start: functional,
    start_step: functional,
    start_out: outImpl((args, ctx, dtype) => arangeTensor(ctx, args, dtype), 'arange.start_out'),
    out: outImpl((args, ctx, dtype) => arangeTensor(ctx, args, dtype), 'arange.out'),
  },
  meta: { '': meta, start: meta, start_step: meta },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('arange', [5]),
    S.call('arange', [0]),
    S.call('arange', [S.float(4)]),
    S.call('arange', [3.5]),
    S.call('arange', [true]),
    S.call('arange', [6], { dtype: 'float64', device: 'cpu' }),
    S.call('arange', [4], { dtype: 'int32' }),
    S.call('arange.start', [2, 7]),
    S.call('arange.start', [-1.5, 2]),
    S.call('arange.start', [0, 2.5], { dtype: 'int64' }),
    S.call('arange.start_step', [0, 10, 3]),
    S.call('arange.start_step', [10, 0, -3]),
    S.call('arange.start_step', [-1.5, 2.5, 0.7]),
    S.call('arange.start_step', [0, 1, 0.1], { dtype: 'float64' }),
    S.call('arange.start_step', [1, 1, 1]),
    S.call('arange.start_step', [0, 5, 2], { dtype: 'float32' }),
    S.call('arange.start_out', [0, 1, 0.25], { out: S.randn([2]) }),
    S.call('arange.start_out', [0, 9, 2], { out: S.ints([5]) }),
    S.call('arange.out', [5], { out: S.randn([5]) }),
    S.error('arange.start_step', [0, 5, 0], 'step must be nonzero'),
    S.error('arange.start_step', [0, 5, -1], 'upper bound and larger bound inconsistent with step sign'),
    S.error('arange.start_step', [5, 0, 1], 'upper bound and larger bound inconsistent with step sign'),
    S.error('arange.start_step', [0.5, 3, 0.5], 'step must be nonzero', { dtype: 'int64' }),
    S.error('arange.start', [0, Number.POSITIVE_INFINITY], 'unsupported range: 0 -> inf'),
  ],
});
