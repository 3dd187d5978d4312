/** Scans along one dim (cumsum, cumprod, logcumsumexp, cummax, cummin): dtype rules, derivatives, samples. */
import type * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn } from '../core/define-op.js';
import { toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import type { Functions } from '../core/tensor-like.js';
import { accumulateDtype, checkHalf, oneDim, type Value } from './reduce.js';
import { CODE } from './reduce-samples.js';

type ScanKernel = (out: K.Strided, x: K.Strided, dim: number) => void;

/** cumsum / cumprod: `dtype=` converts the input first; integers and bool accumulate as int64. */
export function accumulateScan(kernel: ScanKernel, cpuName: string): ImplFn {
  return (args, ctx) => {
    const dtype = accumulateDtype(args.self, args.dtype);
    const d = oneDim(args.dim, args.self.sizes.length);
    checkHalf(cpuName, dtype);
    if (dtype === 'bool') throw new OpError(`"${cpuName}" not implemented for 'Bool'`);
    const x = args.dtype != null ? toDtype(ctx, args.self, dtype) : args.self;
    const out = ctx.empty(x.sizes, dtype);
    kernel(out, x, d);
    return out;
  };
}

/** meta of the functional overload and of the in-place one (which keeps self's dtype). */
export function accumulateScanMeta(name: string): Record<string, MetaFn> {
  return {
    '': (args) => ({ sizes: args.self.sizes, dtype: accumulateDtype(args.self, args.dtype) }),
    [`${name}_`]: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  };
}

/** t flipped along dim, scanned with `scan`, flipped back: the reverse (suffix) scan. */
export function reverseScan(F: Functions, t: Value, dim: number, scan: (u: Value) => Value): Value {
  return F.flip(scan(F.flip(t, [dim])), [dim]);
}

/** The dim of a scan as the derivative rules need it (a 0-d tensor has none to scan). */
export function scanDim(F: Functions, self: Value, dim: number): number | null {
  const nd = F.sizes(self).length;
  return nd === 0 ? null : oneDim(dim, nd);
}

/** Samples for a scan named `name` (overloads `name`, `name.out`, and `name_` when it has one). */
export function scanSamples(
  S: SampleBuilder,
  name: string,
  o: { inplace?: boolean; dtypes?: readonly string[]; dtypeArg?: boolean; low?: number; high?: number } = {},
): Sample[] {
  const { low, high } = o;
  const t = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: Value = 'float32',
  ) => S.t(sizes, { dtype, layout, low, high });
  const samples: Sample[] = [
    S.call(name, [t([3, 4]), 1]),
    S.call(name, [t([3, 4]), 0]),
    S.call(name, [t([3, 4]), -1]),
    S.call(name, [t([2, 3, 4], 'transposed'), -2]),
    S.call(name, [t([3, 4], 'strided'), 0]),
    S.call(name, [t([7], 'offset'), 0]),
    S.call(name, [S.expand(t([4]), [3, 4]), 0]),
    S.call(name, [t([]), 0]),
    S.call(name, [t([]), -1]),
    S.call(name, [t([0, 3]), 0]),
    S.call(name, [t([0, 3]), 1]),
    S.call(name, [t([30]), 0]),
  ];
  for (const dtype of o.dtypes ?? []) samples.push(S.call(name, [t([3, 2], 'strided', dtype), 0]));
  if (o.dtypeArg) {
    samples.push(
      S.call(name, [S.ints([2, 3], -3, 3, 'int32'), 1], { dtype: CODE.float64 }),
      S.call(name, [t([2, 3]), 0], { dtype: CODE.float64 }),
      S.call(name, [t([2, 3]), 0], { dtype: CODE.int64 }),
    );
  }
  samples.push(
    S.error(name, [t([2, 3]), 2], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'),
    S.error(name, [t([]), 1], 'Dimension out of range (expected to be in range of [-1, 0], but got 1)'),
    S.call(`${name}.out`, [t([3, 4]), 1], { out: t([3, 4]) }),
    S.call(`${name}.out`, [t([3, 4]), 0], { out: t([0]) }),
  );
  if (o.inplace) {
    samples.push(
      S.call(`${name}_`, [t([3, 4]), 1]),
      S.call(`${name}_`, [t([3, 4], 'transposed'), 0]),
      S.call(`${name}_`, [S.ints([2, 3], -3, 3, 'int32'), 1]),
    );
  }
  return samples;
}
