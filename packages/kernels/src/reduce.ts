/**
 * Reductions over any set of dimensions (PyTorch semantics): sum, mean, prod, amax, amin, var, std,
 * norm, logsumexp, any, all, countNonzero, and the arg-reductions max/min (values and int64
 * indices), argmax, argmin. The caller provides the output with the reduced sizes (keepdim or not)
 * in any layout; the output dtype decides what is written (accumulation follows the input: float64
 * for floating inputs, int64 for integers and bool).
 */
import { native } from './binding.js';
import { type DType, isFloating } from './dtype.js';
import { KernelError, rethrowNative } from './kernel-error.js';
import { argumentError, checkStrided, checkWritable, numel, type Strided, sameSizes, writeMeta } from './strided.js';

/** A dimension, a list of dimensions, or null / undefined / [] for all of them. */
export type Dims = number | readonly number[] | null | undefined;

const OP = {
  sum: 0,
  mean: 1,
  prod: 2,
  amax: 3,
  amin: 4,
  var: 5,
  std: 6,
  norm: 7,
  logsumexp: 8,
  any: 9,
  all: 10,
  count_nonzero: 11,
} as const;

/** PyTorch's name of a dtype in its error messages. */
export function torchTypeName(d: DType): string {
  switch (d) {
    case 'float32':
      return 'Float';
    case 'float64':
      return 'Double';
    case 'float16':
      return 'Half';
    case 'bfloat16':
      return 'BFloat16';
    case 'int64':
      return 'Long';
    case 'int32':
      return 'Int';
    case 'int16':
      return 'Short';
    case 'int8':
      return 'Char';
    case 'uint8':
      return 'Byte';
    case 'bool':
      return 'Bool';
  }
}

/** PyTorch's maybe_wrap_dim: a 0-d tensor accepts dims 0 and -1. */
export function wrapDim(op: string, dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isSafeInteger(dim)) throw argumentError(op, `dim must be an integer, got ${dim}`);
  if (dim < -n || dim > n - 1) {
    throw argumentError(op, `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** The reduced dimensions as a bit mask over x's dimensions (all of them for null or []). */
export function dimMask(op: string, dims: Dims, ndim: number): number {
  if (dims === null || dims === undefined) return ndim === 0 ? 0 : 2 ** ndim - 1;
  const list = typeof dims === 'number' ? [dims] : dims;
  if (!Array.isArray(list)) throw argumentError(op, 'dims must be a number, an array of numbers or null');
  if (list.length === 0) return ndim === 0 ? 0 : 2 ** ndim - 1;
  let mask = 0;
  for (const d of list) {
    const w = wrapDim(op, d, ndim);
    if (mask & (1 << w)) throw argumentError(op, `dim ${w} appears multiple times in the list of dims`);
    mask |= 1 << w;
  }
  return ndim === 0 ? 0 : mask;
}

/** x's sizes with the masked dimensions removed (or kept as 1). */
export function reducedSizes(sizes: readonly number[], mask: number, keepdim: boolean): number[] {
  const out: number[] = [];
  for (let d = 0; d < sizes.length; d++) {
    if (mask & (1 << d)) {
      if (keepdim) out.push(1);
    } else out.push(sizes[d]);
  }
  return out;
}

/** out's strides spread over x's dimensions, 0 along the reduced ones. */
function spreadStrides(out: Strided, ndim: number, mask: number, keepdim: boolean): number[] {
  const s = new Array<number>(ndim).fill(0);
  let j = 0;
  for (let d = 0; d < ndim; d++) {
    if (mask & (1 << d)) {
      if (keepdim) j++;
    } else s[d] = out.strides[j++];
  }
  return s;
}

function checkOut(op: string, name: string, out: Strided, x: Strided, mask: number, keepdim: boolean): void {
  checkWritable(op, name, out);
  const want = reducedSizes(x.sizes, mask, keepdim);
  if (!sameSizes(out.sizes, want)) {
    throw argumentError(
      op,
      `${name} has sizes [${out.sizes.join(', ')}] but the reduction of x (sizes [${x.sizes.join(', ')}]) has sizes [${want.join(', ')}]`,
    );
  }
}

function checkKeepdim(op: string, keepdim: unknown): boolean {
  if (keepdim === undefined) return false;
  if (typeof keepdim !== 'boolean') throw argumentError(op, `keepdim must be a boolean, got ${typeof keepdim}`);
  return keepdim;
}

function torchError(message: string): KernelError {
  return new KernelError('ERR_TSJIT_KERNEL_ARGUMENT', message);
}

/** PyTorch's check that max-like reductions have something to reduce. */
function checkNonEmpty(op: string, x: Strided, dims: Dims, mask: number): void {
  if (numel(x.sizes) !== 0) return;
  const all = dims === null || dims === undefined || (Array.isArray(dims) && dims.length === 0);
  if (all) {
    const tail = op === 'argmax' || op === 'argmin' ? '' : " Specify the reduction dim with the 'dim' argument.";
    throw torchError(`${op}(): Expected reduction dim to be specified for input.numel() == 0.${tail}`);
  }
  for (let d = 0; d < x.sizes.length; d++) {
    if (mask & (1 << d) && x.sizes[d] === 0)
      throw torchError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
  }
}

function run(
  op: keyof typeof OP,
  out: Strided,
  x: Strided,
  dims: Dims,
  keepdim: boolean | undefined,
  scalar = 0,
): void {
  checkStrided(op, 'x', x);
  const kd = checkKeepdim(op, keepdim);
  const mask = dimMask(op, dims, x.sizes.length);
  checkOut(op, 'out', out, x, mask, kd);
  const meta = writeMeta(x.sizes, [out, x], [spreadStrides(out, x.sizes.length, mask, kd), x.strides]);
  try {
    native.reduce(out.data, x.data, meta, OP[op], mask, scalar);
  } catch (e) {
    rethrowNative(e, op);
  }
}

function requireFloatOut(op: string, out: Strided, message: string): void {
  checkWritable(op, 'out', out);
  if (!isFloating(out.dtype)) throw argumentError(op, message);
}

/** out = x.sum(dims, keepdim). Integers and bool accumulate in int64 (wrapping), floats in float64. */
export function sum(out: Strided, x: Strided, dims?: Dims, keepdim?: boolean): void {
  run('sum', out, x, dims, keepdim);
}

/** out = x.mean(dims, keepdim); out must be floating. The mean of nothing is NaN. */
export function mean(out: Strided, x: Strided, dims?: Dims, keepdim?: boolean): void {
  checkStrided('mean', 'x', x);
  checkWritable('mean', 'out', out);
  requireFloatOut(
    'mean',
    out,
    `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${torchTypeName(isFloating(x.dtype) ? out.dtype : x.dtype)}`,
  );
  run('mean', out, x, dims, keepdim);
}

/** out = x.prod(dims, keepdim). The product of nothing is 1. */
export function prod(out: Strided, x: Strided, dims?: Dims, keepdim?: boolean): void {
  run('prod', out, x, dims, keepdim);
}

function extreme(op: 'amax' | 'amin', out: Strided, x: Strided, dims: Dims, keepdim: boolean | undefined): void {
  checkStrided(op, 'x', x);
  if (out?.dtype !== x.dtype)
    throw argumentError(
      op,
      `Expected the dtype for input and out to match, but got ${x.dtype} for input's dtype and ${out?.dtype} for out's dtype.`,
    );
  checkNonEmpty(op, x, dims, dimMask(op, dims, x.sizes.length));
  run(op, out, x, dims, keepdim);
}

/** out = x.amax(dims, keepdim): NaN propagates; reducing an empty dimension is an error. */
export function amax(out: Strided, x: Strided, dims?: Dims, keepdim?: boolean): void {
  extreme('amax', out, x, dims, keepdim);
}

/** out = x.amin(dims, keepdim). */
export function amin(out: Strided, x: Strided, dims?: Dims, keepdim?: boolean): void {
  extreme('amin', out, x, dims, keepdim);
}

function varStd(
  op: 'var' | 'std',
  out: Strided,
  x: Strided,
  dims: Dims,
  correction: number,
  keepdim: boolean | undefined,
): void {
  checkStrided(op, 'x', x);
  if (!isFloating(x.dtype)) throw argumentError(op, 'std and var only support floating point and complex dtypes');
  requireFloatOut(op, out, `out must have a floating dtype, got ${out?.dtype}`);
  if (typeof correction !== 'number' || Number.isNaN(correction))
    throw argumentError(op, `correction must be a number, got ${correction}`);
  run(op, out, x, dims, keepdim, correction);
}

/** out = x.var(dims, correction, keepdim): sum((x - mean)^2) / max(0, N - correction). */
export function variance(out: Strided, x: Strided, dims?: Dims, correction = 1, keepdim?: boolean): void {
  varStd('var', out, x, dims, correction, keepdim);
}

/** out = x.std(dims, correction, keepdim). */
export function std(out: Strided, x: Strided, dims?: Dims, correction = 1, keepdim?: boolean): void {
  varStd('std', out, x, dims, correction, keepdim);
}

/**
 * out = x.norm(p, dims, keepdim): p = 0 counts non-zeros, inf / -inf are max / min |x|, otherwise
 * (sum |x|^p)^(1/p). The norm of nothing is 0 (as torch.norm).
 */
export function norm(out: Strided, x: Strided, p = 2, dims?: Dims, keepdim?: boolean): void {
  checkStrided('norm', 'x', x);
  if (!isFloating(x.dtype))
    throw argumentError(
      'norm',
      `norm(): input dtype should be either floating point or complex. Got ${torchTypeName(x.dtype)} instead.`,
    );
  requireFloatOut('norm', out, `out must have a floating dtype, got ${out?.dtype}`);
  if (typeof p !== 'number' || Number.isNaN(p)) throw argumentError('norm', `p must be a number, got ${p}`);
  run('norm', out, x, dims, keepdim, p);
}

/** out = x.logsumexp(dims, keepdim) (stable: max-shifted); out must be floating. */
export function logsumexp(out: Strided, x: Strided, dims?: Dims, keepdim?: boolean): void {
  checkStrided('logsumexp', 'x', x);
  requireFloatOut('logsumexp', out, `out must have a floating dtype, got ${out?.dtype}`);
  run('logsumexp', out, x, dims, keepdim);
}

function anyAll(op: 'any' | 'all', out: Strided, x: Strided, dims: Dims, keepdim: boolean | undefined): void {
  if (out?.dtype !== 'bool' && out?.dtype !== 'uint8')
    throw argumentError(op, `out must be bool (or uint8 for a uint8 input), got ${out?.dtype}`);
  run(op, out, x, dims, keepdim);
}

/** out = x.any(dims, keepdim); out is bool (uint8 for uint8 inputs, as in PyTorch). */
export function any(out: Strided, x: Strided, dims?: Dims, keepdim?: boolean): void {
  anyAll('any', out, x, dims, keepdim);
}

/** out = x.all(dims, keepdim). */
export function all(out: Strided, x: Strided, dims?: Dims, keepdim?: boolean): void {
  anyAll('all', out, x, dims, keepdim);
}

/** out = torch.count_nonzero(x, dims) (int64, never keepdim). */
export function countNonzero(out: Strided, x: Strided, dims?: Dims): void {
  if (out?.dtype !== 'int64') throw argumentError('count_nonzero', `out must be int64, got ${out?.dtype}`);
  run('count_nonzero', out, x, dims, false);
}

function argReduce(
  op: 'max' | 'min' | 'argmax' | 'argmin',
  values: Strided | null,
  indices: Strided,
  x: Strided,
  dim: number | null | undefined,
  keepdim: boolean | undefined,
): void {
  checkStrided(op, 'x', x);
  const kd = checkKeepdim(op, keepdim);
  if (dim !== null && dim !== undefined && typeof dim !== 'number')
    throw argumentError(op, `dim must be a number or null, got ${typeof dim}`);
  if ((op === 'argmax' || op === 'argmin') && x.dtype === 'bool')
    throw argumentError(op, `"${op}_cpu" not implemented for 'Bool'`);
  const mask = dimMask(op, dim, x.sizes.length);
  checkNonEmpty(op, x, dim, mask);
  checkOut(op, 'indices', indices, x, mask, kd);
  if (indices.dtype !== 'int64') throw argumentError(op, `indices must be int64, got ${indices.dtype}`);
  if (values !== null && values !== undefined) {
    checkOut(op, 'values', values, x, mask, kd);
    if (values.dtype !== x.dtype)
      throw argumentError(op, `Expected out tensor to have dtype ${x.dtype}, but got ${values.dtype} instead`);
  }
  const v = values ?? indices;
  const nd = x.sizes.length;
  const meta = writeMeta(
    x.sizes,
    [v, x, indices],
    [spreadStrides(v, nd, mask, kd), x.strides, spreadStrides(indices, nd, mask, kd)],
  );
  try {
    native.reduceIndex(
      v.data,
      x.data,
      indices.data,
      meta,
      op === 'max' || op === 'argmax' ? 0 : 1,
      mask,
      values !== null,
    );
  } catch (e) {
    rethrowNative(e, op);
  }
}

/** (values, indices) = x.max(dim, keepdim): the first maximum, or the first NaN. */
export function max(values: Strided, indices: Strided, x: Strided, dim: number, keepdim?: boolean): void {
  if (typeof dim !== 'number') throw argumentError('max', `dim must be a number, got ${typeof dim}`);
  argReduce('max', values, indices, x, dim, keepdim);
}

/** (values, indices) = x.min(dim, keepdim). */
export function min(values: Strided, indices: Strided, x: Strided, dim: number, keepdim?: boolean): void {
  if (typeof dim !== 'number') throw argumentError('min', `dim must be a number, got ${typeof dim}`);
  argReduce('min', values, indices, x, dim, keepdim);
}

/** out = x.argmax(dim, keepdim); dim null flattens x (row-major) and out is 0-d (or all ones). */
export function argmax(out: Strided, x: Strided, dim?: number | null, keepdim?: boolean): void {
  argReduce('argmax', null, out, x, dim, keepdim);
}

/** out = x.argmin(dim, keepdim). */
export function argmin(out: Strided, x: Strided, dim?: number | null, keepdim?: boolean): void {
  argReduce('argmin', null, out, x, dim, keepdim);
}
