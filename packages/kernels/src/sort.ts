/**
 * Sorting along one dimension (PyTorch semantics, int64 indices): sort, argsort, topk, kthvalue,
 * median. NaN sorts as the largest value; ties keep their original order (sorts are always
 * stable, so `stable` only documents intent).
 */
import { native } from './binding.js';
import { dtypeCode } from './dtype.js';
import { KernelError, rethrowNative } from './kernel-error.js';
import { reducedSizes, wrapDim } from './reduce.js';
import { argumentError, checkStrided, checkWritable, type Strided, sameSizes, writeMeta } from './strided.js';

const MODE = { sort: 0, topk: 1, kthvalue: 2, median: 3 } as const;

function torchError(message: string): KernelError {
  return new KernelError('ERR_TSJIT_KERNEL_ARGUMENT', message);
}

function checkOutputs(
  op: string,
  values: Strided | null,
  indices: Strided,
  x: Strided,
  sizes: readonly number[],
): void {
  checkWritable(op, 'indices', indices);
  if (indices.dtype !== 'int64') throw argumentError(op, `indices must be int64, got ${indices.dtype}`);
  if (!sameSizes(indices.sizes, sizes))
    throw argumentError(op, `indices has sizes [${indices.sizes.join(', ')}], expected [${sizes.join(', ')}]`);
  if (values !== null && values !== undefined) {
    checkWritable(op, 'values', values);
    if (values.dtype !== x.dtype) throw argumentError(op, `values has dtype ${values.dtype} but x has ${x.dtype}`);
    if (!sameSizes(values.sizes, sizes))
      throw argumentError(op, `values has sizes [${values.sizes.join(', ')}], expected [${sizes.join(', ')}]`);
  }
}

/** Strides of an output over x's dims: its own, or 0 along dim when dim was reduced away. */
function spread(t: Strided, nd: number, dim: number, kept: boolean): number[] {
  if (kept) return [...t.strides];
  const s: number[] = [];
  for (let d = 0, j = 0; d < nd; d++) s.push(d === dim ? 0 : t.strides[j++]);
  return s;
}

function call(
  op: keyof typeof MODE,
  values: Strided | null,
  indices: Strided,
  x: Strided,
  dim: number,
  kept: boolean,
  k: number,
  descending: boolean,
): void {
  const nd = x.sizes.length;
  const v = values ?? indices;
  const meta = writeMeta(
    x.sizes,
    [v, indices, x],
    [spread(v, nd, dim, kept), spread(indices, nd, dim, kept), x.strides],
  );
  try {
    native.sortLike(v.data, indices.data, x.data, meta, dim, MODE[op], k, descending, values !== null);
  } catch (e) {
    rethrowNative(e, op);
  }
}

function prepare(op: string, x: Strided, dim: number): number {
  checkStrided(op, 'x', x);
  if (dtypeCode[x.dtype] === undefined) throw argumentError(op, `unknown dtype ${x.dtype}`);
  if (typeof dim !== 'number') throw argumentError(op, `dim must be a number, got ${typeof dim}`);
  return wrapDim(op, dim, x.sizes.length);
}

/** (values, indices) = x.sort(dim, descending) (stable). */
export function sort(values: Strided, indices: Strided, x: Strided, dim = -1, descending = false): void {
  const d = prepare('sort', x, dim);
  checkOutputs('sort', values, indices, x, x.sizes);
  call('sort', values, indices, x, d, true, 0, descending);
}

/** indices = x.argsort(dim, descending) (stable). */
export function argsort(indices: Strided, x: Strided, dim = -1, descending = false): void {
  const d = prepare('argsort', x, dim);
  checkOutputs('argsort', null, indices, x, x.sizes);
  call('sort', null, indices, x, d, true, 0, descending);
}

/**
 * (values, indices) = x.topk(k, dim, largest, sorted): the k largest (smallest) along dim, always
 * in sorted order (a valid answer for sorted = false too).
 */
export function topk(values: Strided, indices: Strided, x: Strided, k: number, dim = -1, largest = true): void {
  const d = prepare('topk', x, dim);
  const n = x.sizes.length === 0 ? 1 : x.sizes[d];
  if (!Number.isSafeInteger(k) || k < 0 || k > n) throw torchError('selected index k out of range');
  const sizes = x.sizes.length === 0 ? [] : x.sizes.map((s, i) => (i === d ? k : s));
  checkOutputs('topk', values, indices, x, sizes);
  // A 0-d input has one element, which PyTorch returns even for k = 0.
  call('topk', values, indices, x, d, true, x.sizes.length === 0 ? 1 : k, largest);
}

function selection(
  op: 'kthvalue' | 'median',
  values: Strided,
  indices: Strided,
  x: Strided,
  k: number,
  dim: number,
  keepdim: boolean,
): void {
  const d = prepare(op, x, dim);
  if (typeof keepdim !== 'boolean') throw argumentError(op, `keepdim must be a boolean, got ${typeof keepdim}`);
  const nd = x.sizes.length;
  const n = nd === 0 ? 1 : x.sizes[d];
  if (nd > 0 && n === 0) throw torchError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
  if (op === 'kthvalue' && (!Number.isSafeInteger(k) || k < 1 || k > n)) {
    throw torchError(`kthvalue(): selected number k out of range for dimension ${d}`);
  }
  const sizes = nd === 0 ? [] : reducedSizes(x.sizes, 1 << d, keepdim);
  checkOutputs(op, values, indices, x, sizes);
  call(op, values, indices, x, d, nd === 0 || keepdim, k, false);
}

/** (values, indices) = x.kthvalue(k, dim, keepdim): the k-th smallest (1-based), NaN largest. */
export function kthvalue(values: Strided, indices: Strided, x: Strided, k: number, dim = -1, keepdim = false): void {
  selection('kthvalue', values, indices, x, k, dim, keepdim);
}

/** (values, indices) = x.median(dim, keepdim): the lower median; NaN (the first) if the row has one. */
export function median(values: Strided, indices: Strided, x: Strided, dim = -1, keepdim = false): void {
  selection('median', values, indices, x, 0, dim, keepdim);
}
