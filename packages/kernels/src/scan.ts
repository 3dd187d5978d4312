/**
 * Scans along one dimension (PyTorch semantics): cumsum, cumprod, logcumsumexp, and cummax / cummin
 * with int64 indices. Floating inputs accumulate in float64, integers and bool in int64; the
 * output's dtype (the caller's choice, int64 for integer inputs in PyTorch) receives the results.
 */
import { native } from './binding.js';
import { isFloating } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import { torchTypeName, wrapDim } from './reduce.js';
import { argumentError, checkStrided, checkWritable, type Strided, sameSizes, writeMeta } from './strided.js';

const SCAN = { cumsum: 0, cumprod: 1, logcumsumexp: 2 } as const;

function checkSame(op: string, name: string, t: Strided, x: Strided): void {
  checkWritable(op, name, t);
  if (!sameSizes(t.sizes, x.sizes))
    throw argumentError(op, `${name} has sizes [${t.sizes.join(', ')}] but x has [${x.sizes.join(', ')}]`);
}

function scan(op: keyof typeof SCAN, out: Strided, x: Strided, dim: number): void {
  checkStrided(op, 'x', x);
  checkSame(op, 'out', out, x);
  if (op === 'logcumsumexp') {
    if (!isFloating(x.dtype))
      throw argumentError(op, `"logcumsumexp_out_cpu" not implemented for '${torchTypeName(x.dtype)}'`);
    if (!isFloating(out.dtype)) throw argumentError(op, `out must have a floating dtype, got ${out.dtype}`);
  }
  if (typeof dim !== 'number') throw argumentError(op, `dim must be a number, got ${typeof dim}`);
  const d = wrapDim(op, dim, x.sizes.length);
  const meta = writeMeta(x.sizes, [out, x], [out.strides, x.strides]);
  try {
    native.scan(out.data, x.data, meta, d, SCAN[op]);
  } catch (e) {
    rethrowNative(e, op);
  }
}

/** out = x.cumsum(dim). */
export function cumsum(out: Strided, x: Strided, dim: number): void {
  scan('cumsum', out, x, dim);
}

/** out = x.cumprod(dim). */
export function cumprod(out: Strided, x: Strided, dim: number): void {
  scan('cumprod', out, x, dim);
}

/** out = x.logcumsumexp(dim) (floating only). */
export function logcumsumexp(out: Strided, x: Strided, dim: number): void {
  scan('logcumsumexp', out, x, dim);
}

function scanIndex(op: 'cummax' | 'cummin', values: Strided, indices: Strided, x: Strided, dim: number): void {
  checkStrided(op, 'x', x);
  checkSame(op, 'values', values, x);
  checkSame(op, 'indices', indices, x);
  if (values.dtype !== x.dtype) throw argumentError(op, `values has dtype ${values.dtype} but x has ${x.dtype}`);
  if (indices.dtype !== 'int64') throw argumentError(op, `indices must be int64, got ${indices.dtype}`);
  if (typeof dim !== 'number') throw argumentError(op, `dim must be a number, got ${typeof dim}`);
  const d = wrapDim(op, dim, x.sizes.length);
  const meta = writeMeta(x.sizes, [values, x, indices], [values.strides, x.strides, indices.strides]);
  try {
    native.scanIndex(values.data, x.data, indices.data, meta, d, op === 'cummax');
  } catch (e) {
    rethrowNative(e, op);
  }
}

/** (values, indices) = x.cummax(dim): ties and NaN move the index to the latest position. */
export function cummax(values: Strided, indices: Strided, x: Strided, dim: number): void {
  scanIndex('cummax', values, indices, x, dim);
}

/** (values, indices) = x.cummin(dim). */
export function cummin(values: Strided, indices: Strided, x: Strided, dim: number): void {
  scanIndex('cummin', values, indices, x, dim);
}
