/**
 * Pooling with PyTorch semantics for 1d/2d/3d inputs ([N, C, *spatial] or unbatched [C, *spatial]):
 * max pooling with int64 indices (flat index within each input plane, as max_pool2d_with_indices;
 * NaN propagates), average pooling (count_include_pad, ceil_mode, divisor_override), and adaptive
 * average / max pooling (windows [floor(i*In/Out), ceil((i+1)*In/Out))).
 *
 * Callers allocate outputs with `maxPoolOutputSizes` / `avgPoolOutputSizes` (PyTorch's size rules
 * and errors) or, for adaptive pooling, with the sizes they want.
 */
import { native } from './binding.js';
import { type DType, dtypeCode } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import { argumentError, checkStrided, checkWritable, numel, type Strided, sameSizes } from './strided.js';

export type PoolDims = 1 | 2 | 3;
type IntOrList = number | readonly number[];

export interface MaxPoolOptions {
  kernelSize: IntOrList;
  /** Defaults to kernelSize (also when null or an empty list). */
  stride?: IntOrList | null;
  padding?: IntOrList;
  dilation?: IntOrList;
  ceilMode?: boolean;
}

export interface AvgPoolOptions {
  kernelSize: IntOrList;
  stride?: IntOrList | null;
  padding?: IntOrList;
  ceilMode?: boolean;
  /** Default true, as in PyTorch. */
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

function expand(op: string, name: string, v: IntOrList, nd: PoolDims): number[] {
  const list = typeof v === 'number' ? [v] : Array.isArray(v) ? [...v] : null;
  const words = ['', 'one int', 'two ints', 'three ints'];
  if (!list || (list.length !== 1 && list.length !== nd) || list.some((x) => !Number.isSafeInteger(x))) {
    throw argumentError(op, `${name} must either be a single int, or a tuple of ${words[nd]}`);
  }
  return list.length === 1 ? new Array<number>(nd).fill(list[0]) : list;
}

/** Batched-ness and the (N, C, spatial) split of an input's sizes; throws for a bad rank or empty dims. */
function splitInput(
  op: string,
  sizes: readonly number[],
  nd: PoolDims,
): { batched: boolean; N: number; C: number; spatial: number[] } {
  const r = sizes.length;
  if (r !== nd + 1 && r !== nd + 2) {
    throw argumentError(
      op,
      `Expected ${nd + 1}D or ${nd + 2}D (batch mode) tensor with optional 0 dim batch size for input, but got: [${sizes.join(', ')}]`,
    );
  }
  const batched = r === nd + 2;
  for (let d = batched ? 1 : 0; d < r; d++) {
    if (sizes[d] === 0) {
      throw argumentError(
        op,
        `Expected ${nd + 1}D or ${nd + 2}D (batch mode) tensor with optional 0 dim batch size for input, but got: [${sizes.join(', ')}]`,
      );
    }
  }
  return { batched, N: batched ? sizes[0] : 1, C: sizes[batched ? 1 : 0], spatial: sizes.slice(r - nd) };
}

function outputSize(
  op: string,
  inp: number,
  k: number,
  pad: number,
  stride: number,
  dil: number,
  ceil: boolean,
): number {
  if (pad < 0) throw argumentError(op, `pad must be non-negative, but got pad: ${pad}`);
  let o = Math.floor((inp + 2 * pad - dil * (k - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  if (ceil && (o - 1) * stride >= inp + pad) o--;
  return o;
}

interface Resolved {
  k: number[];
  s: number[];
  p: number[];
  dil: number[];
  out: number[];
  split: ReturnType<typeof splitInput>;
}

function resolve(
  op: string,
  nd: PoolDims,
  sizes: readonly number[],
  o: MaxPoolOptions | AvgPoolOptions,
  isMax: boolean,
): Resolved {
  if (o === null || typeof o !== 'object') throw argumentError(op, 'options must be an object');
  const k = expand(op, 'kernel_size', o.kernelSize, nd);
  const s =
    o.stride == null || (Array.isArray(o.stride) && o.stride.length === 0) ? k : expand(op, 'stride', o.stride, nd);
  const p = expand(op, 'padding', o.padding ?? 0, nd);
  const dil = isMax ? expand(op, 'dilation', (o as MaxPoolOptions).dilation ?? 1, nd) : new Array<number>(nd).fill(1);
  const letters = nd === 1 ? ['W'] : nd === 2 ? ['H', 'W'] : ['T', 'H', 'W'];
  const list = (name: string, v: number[]) => v.map((x, i) => `${name}${letters[i]}: ${x}`).join(' ');
  if (k.some((x) => x <= 0))
    throw argumentError(op, `kernel size should be greater than zero, but got ${list('k', k)}`);
  if (s.some((x) => x <= 0)) throw argumentError(op, `stride should be greater than zero, but got ${list('d', s)}`);
  if (dil.some((x) => x <= 0))
    throw argumentError(op, `dilation should be greater than zero, but got ${list('dilation', dil)}`);
  const split = splitInput(op, sizes, nd);
  const ceil = !!o.ceilMode;
  const out = split.spatial.map((inp, i) => {
    if (p[i] < 0) throw argumentError(op, `pad must be non-negative, but got pad: ${p[i]}`);
    if (isMax) {
      if (p[i] > Math.floor(((k[i] - 1) * dil[i] + 1) / 2)) {
        throw argumentError(
          op,
          `pad should be at most half of effective kernel size, but got pad=${p[i]}, kernel_size=${k[i]} and dilation=${dil[i]}`,
        );
      }
    } else if (p[i] > Math.floor(k[i] / 2)) {
      throw argumentError(op, `pad should be at most half of kernel size, but got pad=${p[i]} and kernel_size=${k[i]}`);
    }
    return outputSize(op, inp, k[i], p[i], s[i], dil[i], ceil);
  });
  if (out.some((x) => x < 1)) {
    throw argumentError(
      op,
      `Given input size: (${[split.C, ...split.spatial].join('x')}). Calculated output size: (${[split.C, ...out].join('x')}). Output size is too small`,
    );
  }
  return { k, s, p, dil, out, split };
}

function outSizes(sizes: readonly number[], nd: PoolDims, spatial: readonly number[]): number[] {
  return [...sizes.slice(0, sizes.length - nd), ...spatial];
}

/** The output sizes of max_pool{nd}d for an input of `sizes` (PyTorch's rules and errors). */
export function maxPoolOutputSizes(nd: PoolDims, sizes: readonly number[], options: MaxPoolOptions): number[] {
  checkDims(`max_pool${nd}d`, nd);
  return outSizes(sizes, nd, resolve(`max_pool${nd}d`, nd, sizes, options, true).out);
}

/** The output sizes of avg_pool{nd}d for an input of `sizes` (PyTorch's rules and errors). */
export function avgPoolOutputSizes(nd: PoolDims, sizes: readonly number[], options: AvgPoolOptions): number[] {
  checkDims(`avg_pool${nd}d`, nd);
  return outSizes(sizes, nd, resolve(`avg_pool${nd}d`, nd, sizes, options, false).out);
}

function checkDims(op: string, nd: number): void {
  if (nd !== 1 && nd !== 2 && nd !== 3) throw argumentError(op, `pooling dims must be 1, 2 or 3, got ${nd}`);
}

const KIND = { max: 0, avg: 1, adaptiveAvg: 2, adaptiveMax: 3 } as const;

/** [N, C, D, H, W] strides of a tensor of the op's rank (0 for the dims it lacks). */
function strides5(t: Strided, nd: PoolDims, batched: boolean): number[] {
  const r = t.sizes.length;
  const s = t.strides;
  const sp = new Array<number>(3 - nd).fill(0).concat(s.slice(r - nd));
  return [batched ? s[0] : 0, s[batched ? 1 : 0], ...sp];
}

function run(
  op: string,
  kind: number,
  nd: PoolDims,
  out: Strided,
  indices: Strided | null,
  x: Strided,
  split: Resolved['split'],
  outSpatial: readonly number[],
  k: number[],
  s: number[],
  p: number[],
  dil: number[],
  cip: boolean,
  divisor: number,
): void {
  if (numel(out.sizes) === 0) return;
  const pad3 = (v: readonly number[], fill: number) => [...new Array<number>(3 - nd).fill(fill), ...v];
  const ind = indices ?? out;
  const meta = Float64Array.from([
    kind,
    dtypeCode[x.dtype],
    split.N,
    split.C,
    ...pad3(split.spatial, 1),
    ...pad3(outSpatial, 1),
    x.offset,
    ...strides5(x, nd, split.batched),
    out.offset,
    ...strides5(out, nd, split.batched),
    indices ? ind.offset : 0,
    ...(indices ? strides5(ind, nd, split.batched) : [0, 0, 0, 0, 0]),
    ...pad3(k, 1),
    ...pad3(s, 1),
    ...pad3(p, 0),
    ...pad3(dil, 1),
    cip ? 1 : 0,
    divisor,
  ]);
  const bufs = indices ? [out.data, x.data, indices.data] : [out.data, x.data];
  try {
    native.pool(bufs, meta);
  } catch (e) {
    rethrowNative(e, op);
  }
}

function checkOperands(
  op: string,
  out: Strided,
  indices: Strided | null,
  x: Strided,
  expected: readonly number[],
  allowed: (d: DType) => boolean,
): void {
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  if (!allowed(x.dtype)) throw argumentError(op, `"${op}" not implemented for '${x.dtype}'`);
  if (out.dtype !== x.dtype) throw argumentError(op, `expected out to have dtype ${x.dtype}, got ${out.dtype}`);
  if (!sameSizes(out.sizes, expected))
    throw argumentError(op, `out has sizes [${out.sizes.join(', ')}], expected [${expected.join(', ')}]`);
  if (indices !== null && indices !== undefined) {
    checkWritable(op, 'indices', indices);
    if (indices.dtype !== 'int64') throw argumentError(op, `indices must be int64, got ${indices.dtype}`);
    if (!sameSizes(indices.sizes, expected))
      throw argumentError(op, `indices has sizes [${indices.sizes.join(', ')}], expected [${expected.join(', ')}]`);
  }
}

const notBool = (d: DType) => d !== 'bool';
const avgTypes = (d: DType) =>
  d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16' || d === 'int64';

/** out (and indices, when given) = F.max_pool{nd}d(x, ..., return_indices=True). */
export function maxPool(
  nd: PoolDims,
  out: Strided,
  indices: Strided | null,
  x: Strided,
  options: MaxPoolOptions,
): void {
  const op = `max_pool${nd}d`;
  checkDims(op, nd);
  checkStrided(op, 'x', x);
  const r = resolve(op, nd, x.sizes, options, true);
  checkOperands(op, out, indices, x, outSizes(x.sizes, nd, r.out), notBool);
  run(op, KIND.max, nd, out, indices, x, r.split, r.out, r.k, r.s, r.p, r.dil, false, 0);
}

/** out = F.avg_pool{nd}d(x, ...). */
export function avgPool(nd: PoolDims, out: Strided, x: Strided, options: AvgPoolOptions): void {
  const op = `avg_pool${nd}d`;
  checkDims(op, nd);
  checkStrided(op, 'x', x);
  const r = resolve(op, nd, x.sizes, options, false);
  const div = options.divisorOverride ?? 0;
  if (options.divisorOverride != null && (!Number.isSafeInteger(div) || div === 0)) {
    throw argumentError(op, 'divisor must be not zero');
  }
  checkOperands(op, out, null, x, outSizes(x.sizes, nd, r.out), avgTypes);
  run(op, KIND.avg, nd, out, null, x, r.split, r.out, r.k, r.s, r.p, r.dil, options.countIncludePad ?? true, div);
}

function adaptive(
  op: string,
  kind: number,
  nd: PoolDims,
  out: Strided,
  indices: Strided | null,
  x: Strided,
  allowed: (d: DType) => boolean,
): void {
  checkDims(op, nd);
  checkStrided(op, 'x', x);
  checkWritable(op, 'out', out);
  const r = x.sizes.length;
  if (r !== nd + 1 && r !== nd + 2) {
    throw argumentError(op, `${op}(): Expected ${nd + 1}D or ${nd + 2}D tensor, but got [${x.sizes.join(', ')}]`);
  }
  for (let d = 1; d < r; d++) {
    if (x.sizes[d] === 0) {
      throw argumentError(
        op,
        `${op}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${x.sizes.join(', ')}] with dimension ${d} being empty`,
      );
    }
  }
  if (out.sizes.length !== r) throw argumentError(op, `out must have ${r} dimensions, got [${out.sizes.join(', ')}]`);
  const outSpatial = out.sizes.slice(r - nd);
  const split = splitInput(op, x.sizes, nd);
  checkOperands(op, out, indices, x, outSizes(x.sizes, nd, outSpatial), allowed);
  const ones = new Array<number>(nd).fill(1);
  run(op, kind, nd, out, indices, x, split, outSpatial, ones, ones, new Array<number>(nd).fill(0), ones, false, 0);
}

/** out = F.adaptive_avg_pool{nd}d(x, out's spatial sizes). */
export function adaptiveAvgPool(nd: PoolDims, out: Strided, x: Strided): void {
  adaptive(`adaptive_avg_pool${nd}d`, KIND.adaptiveAvg, nd, out, null, x, avgTypes);
}

/** out (and indices, when given) = F.adaptive_max_pool{nd}d(x, out's spatial sizes, return_indices=True). */
export function adaptiveMaxPool(nd: PoolDims, out: Strided, indices: Strided | null, x: Strided): void {
  adaptive(`adaptive_max_pool${nd}d`, KIND.adaptiveMax, nd, out, indices, x, notBool);
}
