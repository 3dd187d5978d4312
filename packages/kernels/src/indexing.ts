/**
 * Indexing kernels with PyTorch semantics: gather/scatter, index_select/add/copy/fill, advanced
 * indexing (index get/put), masked fill/select/scatter, nonzero, cat/stack, embedding and
 * embedding_bag, one_hot, take, flip, roll, tril/triu.
 *
 * Every argument is validated here; index values are data and are bounds-checked by the addon,
 * which reports the first bad one as a KernelError ('ERR_TSJIT_INDEX_OUT_OF_RANGE', "index 5 is out
 * of bounds for dimension 0 with size 3"). Negative indices wrap where PyTorch wraps them
 * (index_fill, index get/put, take) and are errors elsewhere (gather, scatter, index_select,
 * index_add, index_copy, embedding), as in PyTorch 1.13 on the CPU.
 *
 * Outputs are preallocated by the caller with the sizes PyTorch gives (checked here); ops named
 * after an in-place PyTorch method (scatter, indexAdd, indexPut, maskedFill, ...) modify `self`.
 */
import { native } from './binding.js';
import { copy, fill } from './copy.js';
import { type DType, dtypeCode, itemSize } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import {
  argumentError,
  broadcastShapes,
  broadcastStrides,
  checkStrided,
  checkWritable,
  MAX_DIMS,
  numel,
  restride,
  type Strided,
  sameSizes,
} from './strided.js';

// ---------------------------------------------------------------------------------------------
// helpers

/** Normalizes a possibly negative dim like PyTorch (a 0-d tensor accepts 0 and -1). */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isSafeInteger(dim) || dim < -n || dim >= n) {
    throw argumentError(op, `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

function checkIndexDtype(op: string, name: string, t: Strided, allowInt32: boolean): void {
  if (t.dtype === 'int64' || (allowInt32 && t.dtype === 'int32')) return;
  throw argumentError(
    op,
    `Expected tensor for argument '${name}' to have ${allowInt32 ? 'one of the following scalar types: Long, Int' : 'scalar type Long'}; but got ${t.dtype} instead`,
  );
}

function checkSameDtype(op: string, a: Strided, aName: string, b: Strided, bName: string): void {
  if (a.dtype !== b.dtype) {
    throw argumentError(op, `Expected ${aName}.dtype to be equal to ${bName}.dtype, but got ${a.dtype} and ${b.dtype}`);
  }
}

function checkSizes(op: string, name: string, t: Strided, sizes: readonly number[]): void {
  if (!sameSizes(t.sizes, sizes)) {
    throw argumentError(op, `${name} has sizes [${t.sizes.join(', ')}], expected [${sizes.join(', ')}]`);
  }
}

function checkNumber(op: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') throw argumentError(op, `${name} must be a number, got ${typeof v}`);
}

/** A 0-d tensor viewed as [1]. */
function as1d(t: Strided): Strided {
  // Fields by name: a Tensor's `data` is a getter, which object spread would drop.
  return t.sizes.length === 0 ? { data: t.data, dtype: t.dtype, offset: t.offset, sizes: [1], strides: [0] } : t;
}

function isContiguous(t: Strided): boolean {
  let expect = 1;
  for (let d = t.sizes.length - 1; d >= 0; d--) {
    if (t.sizes[d] !== 1 && t.strides[d] !== expect) return false;
    expect *= t.sizes[d];
  }
  return true;
}

function contiguousStrides(sizes: readonly number[]): number[] {
  const s = new Array<number>(sizes.length);
  let acc = 1;
  for (let d = sizes.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= Math.max(sizes[d], 1);
  }
  return s;
}

/** A new contiguous tensor. */
function empty(dtype: DType, sizes: readonly number[]): Strided {
  const bytes = numel(sizes) * itemSize[dtype];
  return { data: new Uint8Array(bytes), dtype, sizes: [...sizes], strides: contiguousStrides(sizes), offset: 0 };
}

/** t itself when contiguous, else a contiguous copy. */
function contiguous(t: Strided): Strided {
  if (isContiguous(t)) return t;
  const c = empty(t.dtype, t.sizes);
  copy(c, t);
  return c;
}

/** t (contiguous) viewed as 1-d. */
function flat(t: Strided): Strided {
  const c = contiguous(t);
  return restride(c, { sizes: [numel(c.sizes)], strides: [1] });
}

/** Meta record builder: a geometry and operands (glue.h layout) followed by plain numbers. */
class Meta {
  readonly a: number[] = [];
  geometry(sizes: readonly number[], operands: readonly Strided[], strides: readonly (readonly number[])[]): this {
    this.a.push(sizes.length, ...sizes);
    for (let k = 0; k < operands.length; k++) {
      this.a.push(dtypeCode[operands[k].dtype], operands[k].offset, ...strides[k]);
    }
    return this;
  }
  /** A tensor with its own sizes: dtype, offset, ndim, sizes, strides. */
  tensor(t: Strided): this {
    this.a.push(dtypeCode[t.dtype], t.offset, t.sizes.length, ...t.sizes, ...t.strides);
    return this;
  }
  push(...v: number[]): this {
    this.a.push(...v);
    return this;
  }
  build(): Float64Array {
    return Float64Array.from(this.a);
  }
}

function call(op: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    rethrowNative(e, op);
  }
}

interface IndexRole {
  t: Strided;
  /** strides of the index tensor over the geometry */
  strides: readonly number[];
  /** element stride in the indexed tensor */
  stride: number;
  bound: number;
  dim: number;
  wrap: boolean;
}

const REDUCE = { none: 0, add: 1, multiply: 2 } as const;

function runGather(
  op: string,
  sizes: readonly number[],
  out: Strided,
  outStrides: readonly number[],
  src: Strided,
  srcStrides: readonly number[],
  idx: readonly IndexRole[],
): void {
  if (numel(sizes) === 0) return;
  const m = new Meta().geometry(
    sizes,
    [out, src, ...idx.map((r) => r.t)],
    [outStrides, srcStrides, ...idx.map((r) => r.strides)],
  );
  m.push(idx.length);
  for (const r of idx) m.push(r.stride, r.bound, r.dim, r.wrap ? 1 : 0);
  m.push(0, 1, 0, 1);
  call(op, () => native.indexGather([out.data, src.data, ...idx.map((r) => r.t.data)], m.build()));
}

function runScatter(
  op: string,
  sizes: readonly number[],
  dst: Strided,
  dstStrides: readonly number[],
  src: Strided | number,
  srcStrides: readonly number[] | null,
  idx: readonly IndexRole[],
  reduce: number,
  alpha = 1,
): void {
  if (numel(sizes) === 0) return;
  const hasSrc = typeof src !== 'number';
  const s: Strided = hasSrc ? src : restride(dst, { offset: 0 });
  const ss = hasSrc && srcStrides ? srcStrides : new Array<number>(sizes.length).fill(0);
  const m = new Meta().geometry(
    sizes,
    [dst, s, ...idx.map((r) => r.t)],
    [dstStrides, ss, ...idx.map((r) => r.strides)],
  );
  m.push(idx.length);
  for (const r of idx) m.push(r.stride, r.bound, r.dim, r.wrap ? 1 : 0);
  m.push(reduce, hasSrc ? 1 : 0, hasSrc ? 0 : src, alpha);
  call(op, () => native.indexScatter([dst.data, s.data, ...idx.map((r) => r.t.data)], m.build()));
}

function withZero(strides: readonly number[], dim: number): number[] {
  const s = [...strides];
  s[dim] = 0;
  return s;
}

// ---------------------------------------------------------------------------------------------
// gather / scatter

function checkScatterGatherShapes(op: string, index: Strided, self: Strided, dim: number, src?: Strided): void {
  const nd = Math.max(self.sizes.length, 1);
  if (Math.max(index.sizes.length, 1) !== nd) {
    throw argumentError(op, 'Index tensor must have the same number of dimensions as input tensor');
  }
  const is = as1d(index).sizes;
  const ss = as1d(self).sizes;
  for (let d = 0; d < nd; d++) {
    if (d !== dim && is[d] > ss[d]) {
      throw argumentError(
        op,
        `Size does not match at dimension ${d} expected index [${index.sizes.join(', ')}] to be smaller than self [${self.sizes.join(', ')}] apart from dimension ${dim}`,
      );
    }
  }
  if (src) {
    if (Math.max(src.sizes.length, 1) !== nd) {
      throw argumentError(op, 'Index tensor must have the same number of dimensions as src tensor');
    }
    const sr = as1d(src).sizes;
    for (let d = 0; d < nd; d++) {
      if (is[d] > sr[d]) {
        throw argumentError(
          op,
          `Size does not match at dimension ${d} expected index [${index.sizes.join(', ')}] to be smaller than src [${src.sizes.join(', ')}]`,
        );
      }
    }
  }
}

/** out = torch.gather(x, dim, index); out has index's sizes and x's dtype. */
export function gather(out: Strided, x: Strided, dim: number, index: Strided): void {
  const op = 'gather';
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  checkStrided(op, 'index', index);
  checkIndexDtype(op, 'index', index, false);
  const d = normalizeDim(op, dim, x.sizes.length);
  checkScatterGatherShapes(op, index, x, d);
  checkSizes(op, 'out', out, index.sizes);
  checkSameDtype(op, out, 'out', x, 'self');
  const xi = as1d(x);
  const ii = as1d(index);
  const oi = as1d(out);
  runGather(op, ii.sizes, oi, oi.strides, xi, withZero(xi.strides, d), [
    { t: ii, strides: ii.strides, stride: xi.strides[d], bound: xi.sizes[d], dim: d, wrap: false },
  ]);
}

/**
 * self.scatter_(dim, index, src) with src a tensor or a scalar; reduce 'add' or 'multiply'
 * accumulates instead of storing. Duplicate indices store the last value in row-major order.
 */
export function scatter(
  self: Strided,
  dim: number,
  index: Strided,
  src: Strided | number,
  reduce?: 'add' | 'multiply',
): void {
  const op = reduce === undefined ? 'scatter' : `scatter(reduce='${reduce}')`;
  checkWritable(op, 'self', self);
  checkStrided(op, 'index', index);
  checkIndexDtype(op, 'index', index, false);
  if (reduce !== undefined && reduce !== 'add' && reduce !== 'multiply') {
    throw argumentError(op, `reduce argument must be either add or multiply, got ${String(reduce)}`);
  }
  const d = normalizeDim(op, dim, self.sizes.length);
  if (typeof src === 'number') {
    checkScatterGatherShapes(op, index, self, d);
  } else {
    checkStrided(op, 'src', src);
    checkSameDtype(op, self, 'self', src, 'src');
    checkScatterGatherShapes(op, index, self, d, src);
  }
  const si = as1d(self);
  const ii = as1d(index);
  const srcStrides = typeof src === 'number' ? null : as1d(src).strides.slice(0, ii.sizes.length);
  runScatter(
    op,
    ii.sizes,
    si,
    withZero(si.strides, d),
    typeof src === 'number' ? src : as1d(src),
    srcStrides,
    [{ t: ii, strides: ii.strides, stride: si.strides[d], bound: si.sizes[d], dim: d, wrap: false }],
    REDUCE[reduce ?? 'none'],
  );
}

/** self.scatter_add_(dim, index, src). */
export function scatterAdd(self: Strided, dim: number, index: Strided, src: Strided): void {
  checkStrided('scatter_add', 'src', src);
  scatter(self, dim, index, src, 'add');
}

// ---------------------------------------------------------------------------------------------
// index_* along one dim with a 1-d index

function checkVectorIndex(op: string, index: Strided, allowInt32: boolean): Strided {
  checkStrided(op, 'index', index);
  checkIndexDtype(op, 'index', index, allowInt32);
  if (index.sizes.length > 1) throw argumentError(op, 'Index is supposed to be a vector');
  return as1d(index);
}

/** index (1-d, length n) viewed over a geometry whose dimension `dim` has size n. */
function vectorRole(index: Strided, ndim: number, dim: number, target: Strided, wrap: boolean): IndexRole {
  const strides = new Array<number>(ndim).fill(0);
  strides[dim] = index.strides[0];
  return { t: index, strides, stride: target.strides[dim], bound: target.sizes[dim], dim, wrap };
}

/** out = torch.index_select(x, dim, index); index int64 or int32, 1-d or 0-d. */
export function indexSelect(out: Strided, x: Strided, dim: number, index: Strided): void {
  const op = 'index_select';
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  const iv = checkVectorIndex(op, index, true);
  const d = normalizeDim(op, dim, x.sizes.length);
  checkSameDtype(op, out, 'out', x, 'self');
  const n = iv.sizes[0];
  const expected = x.sizes.length === 0 ? [...index.sizes] : x.sizes.map((s, i) => (i === d ? n : s));
  checkSizes(op, 'out', out, expected);
  const xi = as1d(x);
  const geo = xi.sizes.map((s, i) => (i === d ? n : s));
  const oi: Strided = restride(out, { sizes: geo, strides: out.sizes.length === 0 ? [0] : out.strides });
  runGather(op, geo, oi, oi.strides, xi, withZero(xi.strides, d), [vectorRole(iv, geo.length, d, xi, false)]);
}

function indexUpdate(
  op: string,
  self: Strided,
  dim: number,
  index: Strided,
  source: Strided,
  reduce: number,
  alpha: number,
): void {
  checkWritable(op, 'self', self);
  checkStrided(op, 'source', source);
  const iv = checkVectorIndex(op, index, true);
  const d = normalizeDim(op, dim, self.sizes.length);
  checkSameDtype(op, self, 'self', source, 'source');
  const n = iv.sizes[0];
  const si = as1d(self);
  const geo = si.sizes.map((s, i) => (i === d ? n : s));
  const src = as1d(source);
  if (!sameSizes(src.sizes, geo)) {
    throw argumentError(
      op,
      `source has sizes [${source.sizes.join(', ')}], expected [${geo.join(', ')}] (self with dimension ${d} of size ${n} = index length)`,
    );
  }
  runScatter(
    op,
    geo,
    si,
    withZero(si.strides, d),
    src,
    src.strides,
    [vectorRole(iv, geo.length, d, si, false)],
    reduce,
    alpha,
  );
}

/** self.index_add_(dim, index, source, alpha=alpha). */
export function indexAdd(self: Strided, dim: number, index: Strided, source: Strided, alpha = 1): void {
  checkNumber('index_add', 'alpha', alpha);
  indexUpdate('index_add', self, dim, index, source, REDUCE.add, alpha);
}

/** self.index_copy_(dim, index, source). */
export function indexCopy(self: Strided, dim: number, index: Strided, source: Strided): void {
  indexUpdate('index_copy', self, dim, index, source, REDUCE.none, 1);
}

/** self.index_fill_(dim, index, value); negative indices wrap. */
export function indexFill(self: Strided, dim: number, index: Strided, value: number): void {
  const op = 'index_fill';
  checkWritable(op, 'self', self);
  checkNumber(op, 'value', value);
  const iv = checkVectorIndex(op, index, false);
  const d = normalizeDim(op, dim, self.sizes.length);
  const si = as1d(self);
  const geo = si.sizes.map((s, i) => (i === d ? iv.sizes[0] : s));
  runScatter(op, geo, si, withZero(si.strides, d), value, null, [vectorRole(iv, geo.length, d, si, true)], REDUCE.none);
}

// ---------------------------------------------------------------------------------------------
// advanced indexing on leading dims

function advancedRoles(
  op: string,
  x: Strided,
  indices: readonly Strided[],
): { S: number[]; roles: IndexRole[]; rest: number } {
  if (!Array.isArray(indices) || indices.length === 0) throw argumentError(op, 'expected at least one index tensor');
  if (indices.length > Math.max(x.sizes.length, 0)) {
    throw argumentError(op, `too many indices for tensor of dimension ${x.sizes.length}`);
  }
  if (indices.length > MAX_DIMS) throw argumentError(op, `at most ${MAX_DIMS} index tensors are supported`);
  indices.forEach((t, k) => {
    checkStrided(op, `indices[${k}]`, t);
    checkIndexDtype(op, `indices[${k}]`, t, true);
  });
  const S = broadcastShapes(op, ...indices.map((t) => t.sizes));
  const rest = x.sizes.length - indices.length;
  if (S.length + rest > MAX_DIMS) throw argumentError(op, `the result would have more than ${MAX_DIMS} dimensions`);
  const zeros = new Array<number>(rest).fill(0);
  const roles = indices.map((t, k) => ({
    t,
    strides: [...broadcastStrides(op, `indices[${k}]`, t, S), ...zeros],
    stride: x.strides[k],
    bound: x.sizes[k],
    dim: k,
    wrap: true,
  }));
  return { S, roles, rest };
}

/**
 * out = x[i0, i1, ..., ik-1] (advanced indexing of the first k dims with index tensors broadcast
 * together): out has sizes broadcast(i...) + x.sizes[k:]. Negative indices wrap.
 */
export function indexGet(out: Strided, x: Strided, indices: readonly Strided[]): void {
  const op = 'index';
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  checkSameDtype(op, out, 'out', x, 'self');
  const { S, roles } = advancedRoles(op, x, indices);
  const k = indices.length;
  const geo = [...S, ...x.sizes.slice(k)];
  checkSizes(op, 'out', out, geo);
  const xs = [...new Array<number>(S.length).fill(0), ...x.strides.slice(k)];
  runGather(op, geo, out, out.strides, x, xs, roles);
}

/**
 * self.index_put_((i0, ..., ik-1), values, accumulate): values broadcast to
 * broadcast(i...) + self.sizes[k:]. Negative indices wrap. Without accumulate, duplicate indices
 * store the last value in row-major order.
 */
export function indexPut(self: Strided, indices: readonly Strided[], values: Strided, accumulate = false): void {
  const op = 'index_put';
  checkWritable(op, 'self', self);
  checkStrided(op, 'values', values);
  checkSameDtype(op, self, 'self', values, 'values');
  const { S, roles } = advancedRoles(op, self, indices);
  const k = indices.length;
  const geo = [...S, ...self.sizes.slice(k)];
  const vs = broadcastStrides(op, 'values', values, geo);
  const ds = [...new Array<number>(S.length).fill(0), ...self.strides.slice(k)];
  runScatter(op, geo, self, ds, values, vs, roles, accumulate ? REDUCE.add : REDUCE.none);
}

/** out = x.take(index): x read as flattened (row-major); out has index's sizes; negatives wrap. */
export function take(out: Strided, x: Strided, index: Strided): void {
  const op = 'take';
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  checkStrided(op, 'index', index);
  checkIndexDtype(op, 'index', index, false);
  checkSameDtype(op, out, 'out', x, 'self');
  checkSizes(op, 'out', out, index.sizes);
  if (numel(index.sizes) === 0) return;
  const xf = flat(x);
  const zeros = new Array<number>(index.sizes.length).fill(0);
  runGather(op, index.sizes, out, out.strides, xf, zeros, [
    { t: index, strides: index.strides, stride: 1, bound: xf.sizes[0], dim: 0, wrap: true },
  ]);
}

/** out = F.embedding(indices, weight): out has sizes indices.sizes + [D]. */
export function embedding(out: Strided, weight: Strided, indices: Strided, paddingIdx?: number): void {
  const op = 'embedding';
  checkWritable(op, 'out', out);
  checkStrided(op, 'weight', weight);
  checkStrided(op, 'indices', indices);
  checkIndexDtype(op, 'indices', indices, true);
  if (weight.sizes.length !== 2) throw argumentError(op, `'weight' must be 2-D, got ${weight.sizes.length}-D`);
  const [V, D] = weight.sizes;
  if (paddingIdx !== undefined && paddingIdx !== null) {
    if (!Number.isSafeInteger(paddingIdx) || paddingIdx >= V || paddingIdx < -V) {
      throw argumentError(op, 'Padding_idx must be within num_embeddings');
    }
  }
  checkSameDtype(op, out, 'out', weight, 'weight');
  const geo = [...indices.sizes, D];
  if (geo.length > MAX_DIMS) throw argumentError(op, `the result would have more than ${MAX_DIMS} dimensions`);
  checkSizes(op, 'out', out, geo);
  const ws = [...new Array<number>(indices.sizes.length).fill(0), weight.strides[1]];
  runGather(op, geo, out, out.strides, weight, ws, [
    { t: indices, strides: [...indices.strides, 0], stride: weight.strides[0], bound: V, dim: 0, wrap: false },
  ]);
}

export interface EmbeddingBagOptions {
  mode?: 'sum' | 'mean' | 'max';
  /** Same shape as indices; mode 'sum' only. */
  perSampleWeights?: Strided | null;
  paddingIdx?: number | null;
  includeLastOffset?: boolean;
}

/**
 * out [B, D] = F.embedding_bag(indices, weight, offsets, mode=...). indices 1-d with offsets
 * (int64/int32), or 2-d [B, L] with offsets null (fixed-length bags). Entries equal to paddingIdx
 * are skipped (not counted in 'mean'); empty bags give zeros. Only the output is computed (no
 * offset2bag / bag_size / max_indices).
 */
export function embeddingBag(
  out: Strided,
  weight: Strided,
  indices: Strided,
  offsets: Strided | null,
  options: EmbeddingBagOptions = {},
): void {
  const op = 'embedding_bag';
  const mode = options.mode ?? 'mean';
  const modeCode = { sum: 0, mean: 1, max: 2 }[mode];
  if (modeCode === undefined) throw argumentError(op, `mode has to be one of sum, mean or max, got ${String(mode)}`);
  checkWritable(op, 'out', out);
  checkStrided(op, 'weight', weight);
  checkStrided(op, 'indices', indices);
  checkIndexDtype(op, 'indices', indices, true);
  if (weight.sizes.length !== 2) throw argumentError(op, `'weight' must be 2-D, got ${weight.sizes.length}-D`);
  if (
    weight.dtype !== 'float32' &&
    weight.dtype !== 'float64' &&
    weight.dtype !== 'float16' &&
    weight.dtype !== 'bfloat16'
  ) {
    throw argumentError(op, `"embedding_bag" not implemented for '${weight.dtype}'`);
  }
  checkSameDtype(op, out, 'out', weight, 'weight');
  const psw = options.perSampleWeights ?? null;
  if (psw && mode !== 'sum') {
    throw argumentError(
      op,
      `embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`,
    );
  }
  let idx1: Strided;
  let offs: Strided;
  let nbags: number;
  if (indices.sizes.length === 2) {
    if (offsets)
      throw argumentError(
        op,
        'if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences.',
      );
    const [B, L] = indices.sizes;
    idx1 = flat(indices);
    const o = new BigInt64Array(B);
    for (let b = 0; b < B; b++) o[b] = BigInt(b * L);
    offs = { data: new Uint8Array(o.buffer), dtype: 'int64', sizes: [B], strides: [1], offset: 0 };
    nbags = B;
  } else if (indices.sizes.length === 1) {
    if (!offsets) throw argumentError(op, 'offsets has to be a 1D Tensor but got null');
    checkStrided(op, 'offsets', offsets);
    checkIndexDtype(op, 'offsets', offsets, true);
    if (offsets.sizes.length !== 1)
      throw argumentError(op, `offsets has to be a 1D Tensor but got a ${offsets.sizes.length}D tensor`);
    idx1 = indices;
    offs = offsets;
    nbags = options.includeLastOffset ? Math.max(offsets.sizes[0] - 1, 0) : offsets.sizes[0];
    if (options.includeLastOffset && offsets.sizes[0] < 1)
      throw argumentError(op, 'include_last_offset: number of offset should be at least 1');
  } else {
    throw argumentError(op, `input has to be 1D or 2D Tensor, but got Tensor of dimension ${indices.sizes.length}`);
  }
  let pw: Strided | null = null;
  if (psw) {
    checkStrided(op, 'per_sample_weights', psw);
    checkSameDtype(op, psw, 'per_sample_weights', weight, 'weight');
    if (!sameSizes(psw.sizes, indices.sizes)) {
      throw argumentError(
        op,
        `embedding_bag: If per_sample_weights ([${psw.sizes.join(', ')}]) is not None, then it must have the same shape as the input ([${indices.sizes.join(', ')}])`,
      );
    }
    pw = indices.sizes.length === 2 ? flat(psw) : psw;
  }
  const [V, D] = weight.sizes;
  checkSizes(op, 'out', out, [nbags, D]);
  let padding = options.paddingIdx ?? null;
  if (padding !== null) {
    if (!Number.isSafeInteger(padding) || padding >= V || padding < -V)
      throw argumentError(op, 'padding_idx must be within the number of embeddings');
    if (padding < 0) padding += V;
  }
  if (nbags === 0 || D === 0) return;
  const m = new Meta().push(modeCode, padding !== null ? 1 : 0, padding ?? 0, nbags);
  m.tensor(out).tensor(weight).tensor(idx1).tensor(offs);
  if (pw) m.tensor(pw);
  else m.push(dtypeCode[weight.dtype], 0, 1, 0, 0);
  const bufs = [out.data, weight.data, idx1.data, offs.data];
  if (pw) bufs.push(pw.data);
  call(op, () => native.embeddingBag(bufs, m.build()));
}

/** out (int64, sizes index.sizes + [numClasses]) = F.one_hot(index, numClasses). */
export function oneHot(out: Strided, index: Strided): void {
  const op = 'one_hot';
  checkWritable(op, 'out', out);
  checkStrided(op, 'index', index);
  checkIndexDtype(op, 'index', index, false);
  if (out.dtype !== 'int64') throw argumentError(op, `out must be int64, got ${out.dtype}`);
  if (out.sizes.length !== index.sizes.length + 1 || !sameSizes(out.sizes.slice(0, -1), index.sizes)) {
    throw argumentError(
      op,
      `out has sizes [${out.sizes.join(', ')}], expected [${[...index.sizes, 'numClasses'].join(', ')}]`,
    );
  }
  const C = out.sizes[out.sizes.length - 1];
  fill(out, 0);
  runScatter(
    op,
    index.sizes,
    out,
    out.strides.slice(0, -1),
    1,
    null,
    [
      {
        t: index,
        strides: index.strides,
        stride: out.strides[out.sizes.length - 1],
        bound: C,
        dim: index.sizes.length,
        wrap: false,
      },
    ],
    REDUCE.none,
  );
}

// ---------------------------------------------------------------------------------------------
// masks

function checkMask(op: string, mask: Strided): void {
  checkStrided(op, 'mask', mask);
  if (mask.dtype !== 'bool' && mask.dtype !== 'uint8') {
    throw argumentError(op, `expected BoolTensor for mask, got ${mask.dtype}`);
  }
}

/** self.masked_fill_(mask, value); mask broadcasts to self. */
export function maskedFill(self: Strided, mask: Strided, value: number): void {
  const op = 'masked_fill';
  checkWritable(op, 'self', self);
  checkMask(op, mask);
  checkNumber(op, 'value', value);
  if (numel(self.sizes) === 0) return;
  const ms = broadcastStrides(op, 'mask', mask, self.sizes);
  const m = new Meta().geometry(self.sizes, [self, mask], [self.strides, ms]).push(value);
  call(op, () => native.maskedFill([self.data, mask.data], m.build()));
}

/** The number of non-zero elements of x (of `sizes`, broadcasting x, when given). */
export function nonzeroCount(x: Strided, sizes?: readonly number[]): number {
  const op = 'count_nonzero';
  checkStrided(op, 'x', x);
  const geo = sizes ?? x.sizes;
  const xs = sizes ? broadcastStrides(op, 'x', x, sizes) : x.strides;
  if (numel(geo) === 0) return 0;
  const m = new Meta().geometry(geo, [x], [xs]);
  let n = 0;
  call(op, () => {
    n = native.countNonzero([x.data], m.build());
  });
  return n;
}

/** The number of elements torch.masked_select(x, mask) returns (the out size for maskedSelect). */
export function maskedSelectCount(x: Strided, mask: Strided): number {
  checkStrided('masked_select', 'x', x);
  checkMask('masked_select', mask);
  return nonzeroCount(mask, broadcastShapes('masked_select', x.sizes, mask.sizes));
}

/** out (1-d, maskedSelectCount(x, mask) elements) = torch.masked_select(x, mask). */
export function maskedSelect(out: Strided, x: Strided, mask: Strided): void {
  const op = 'masked_select';
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  checkMask(op, mask);
  checkSameDtype(op, out, 'out', x, 'self');
  const geo = broadcastShapes(op, x.sizes, mask.sizes);
  const n = nonzeroCount(mask, geo);
  checkSizes(op, 'out', out, [n]);
  if (n === 0) return;
  const m = new Meta().geometry(
    geo,
    [x, mask],
    [broadcastStrides(op, 'x', x, geo), broadcastStrides(op, 'mask', mask, geo)],
  );
  m.tensor(out);
  call(op, () => native.maskedSelect([x.data, mask.data, out.data], m.build()));
}

/** self.masked_scatter_(mask, source): consecutive elements of source (row-major) go where mask is true. */
export function maskedScatter(self: Strided, mask: Strided, source: Strided): void {
  const op = 'masked_scatter';
  checkWritable(op, 'self', self);
  checkMask(op, mask);
  checkStrided(op, 'source', source);
  checkSameDtype(op, self, 'self', source, 'source');
  const ms = broadcastStrides(op, 'mask', mask, self.sizes);
  const n = nonzeroCount(mask, self.sizes);
  if (n > numel(source.sizes)) {
    throw argumentError(op, `Number of elements of source < number of ones in mask (${numel(source.sizes)} < ${n})`);
  }
  if (n === 0) return;
  const src = flat(source);
  const m = new Meta().geometry(self.sizes, [self, mask], [self.strides, ms]).tensor(src);
  call(op, () => native.maskedScatter([self.data, mask.data, src.data], m.build()));
}

/** out (int64 [nonzeroCount(x), x.ndim]) = torch.nonzero(x), in row-major order. */
export function nonzero(out: Strided, x: Strided): void {
  const op = 'nonzero';
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  if (out.dtype !== 'int64') throw argumentError(op, `out must be int64, got ${out.dtype}`);
  const n = nonzeroCount(x);
  checkSizes(op, 'out', out, [n, x.sizes.length]);
  if (n === 0 || x.sizes.length === 0) return;
  const m = new Meta().geometry(x.sizes, [x], [x.strides]).tensor(out);
  call(op, () => native.nonzero([x.data, out.data], m.build()));
}

// ---------------------------------------------------------------------------------------------
// cat / stack

/** out = torch.cat(inputs, dim); inputs already have out's dtype (legacy 1-d empty inputs are skipped). */
export function cat(out: Strided, inputs: readonly Strided[], dim: number): void {
  const op = 'cat';
  checkWritable(op, 'out', out);
  if (!Array.isArray(inputs)) throw argumentError(op, 'inputs must be an array');
  if (inputs.length === 0) throw argumentError(op, 'expected a non-empty list of Tensors');
  inputs.forEach((t, i) => {
    checkStrided(op, `inputs[${i}]`, t);
    if (t.sizes.length === 0)
      throw argumentError(op, `zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const used = inputs.filter((t) => !(t.sizes.length === 1 && t.sizes[0] === 0 && out.sizes.length !== 1));
  const nd = out.sizes.length;
  if (nd === 0) throw argumentError(op, 'out must have at least one dimension');
  const d = normalizeDim(op, dim, nd);
  let total = 0;
  used.forEach((t, i) => {
    if (t.dtype !== out.dtype)
      throw argumentError(op, `inputs[${i}] has dtype ${t.dtype}, expected ${out.dtype} (cast first)`);
    if (t.sizes.length !== nd)
      throw argumentError(op, `Tensors must have same number of dimensions: got ${nd} and ${t.sizes.length}`);
    for (let k = 0; k < nd; k++) {
      if (k !== d && t.sizes[k] !== out.sizes[k]) {
        throw argumentError(
          op,
          `Sizes of tensors must match except in dimension ${d}. Expected size ${out.sizes[k]} but got size ${t.sizes[k]} for tensor number ${i} in the list.`,
        );
      }
    }
    total += t.sizes[d];
  });
  if (total !== out.sizes[d])
    throw argumentError(op, `out has size ${out.sizes[d]} in dimension ${d}, the inputs add up to ${total}`);
  if (numel(out.sizes) === 0 || used.length === 0) return;
  const m = new Meta().push(used.length, d).tensor(out);
  for (const t of used) m.tensor(t);
  call(op, () => native.cat([out.data, ...used.map((t) => t.data)], m.build()));
}

/** out = torch.stack(inputs, dim). */
export function stack(out: Strided, inputs: readonly Strided[], dim: number): void {
  const op = 'stack';
  if (!Array.isArray(inputs) || inputs.length === 0) throw argumentError(op, 'stack expects a non-empty TensorList');
  for (let i = 0; i < inputs.length; i++) checkStrided(op, `inputs[${i}]`, inputs[i]);
  const shape = inputs[0].sizes;
  inputs.forEach((t, i) => {
    if (!sameSizes(t.sizes, shape)) {
      throw argumentError(
        op,
        `stack expects each tensor to be equal size, but got [${shape.join(', ')}] at entry 0 and [${t.sizes.join(', ')}] at entry ${i}`,
      );
    }
  });
  const d = normalizeDim(op, dim, shape.length + 1);
  const views = inputs.map((t) => ({
    data: t.data,
    dtype: t.dtype,
    offset: t.offset,
    sizes: [...t.sizes.slice(0, d), 1, ...t.sizes.slice(d)],
    strides: [...t.strides.slice(0, d), 0, ...t.strides.slice(d)],
  }));
  cat(out, views, d);
}

// ---------------------------------------------------------------------------------------------
// flip / roll / tril / triu

function checkSameShape(op: string, out: Strided, x: Strided): void {
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  checkSameDtype(op, out, 'out', x, 'self');
  checkSizes(op, 'out', out, x.sizes);
}

function normalizeDims(op: string, dims: readonly number[], ndim: number): number[] {
  if (!Array.isArray(dims)) throw argumentError(op, 'dims must be an array');
  const seen = new Set<number>();
  return dims.map((dim) => {
    const d = normalizeDim(op, dim, ndim);
    if (seen.has(d)) throw argumentError(op, `dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
    return d;
  });
}

/** out = torch.flip(x, dims). out must not overlap x. */
export function flip(out: Strided, x: Strided, dims: readonly number[]): void {
  const op = 'flip';
  checkSameShape(op, out, x);
  const ds = normalizeDims(op, dims, x.sizes.length).filter((d) => d < x.sizes.length);
  if (numel(x.sizes) === 0) return;
  const m = new Meta().geometry(x.sizes, [out, x], [out.strides, x.strides]).push(ds.length, ...ds);
  call(op, () => native.flip([out.data, x.data], m.build()));
}

/** out = torch.roll(x, shifts, dims); with no dims, x is rolled as flattened. out must not overlap x. */
export function roll(
  out: Strided,
  x: Strided,
  shifts: number | readonly number[],
  dims: number | readonly number[] = [],
): void {
  const op = 'roll';
  checkSameShape(op, out, x);
  const sh = typeof shifts === 'number' ? [shifts] : [...shifts];
  const dl = typeof dims === 'number' ? [dims] : [...dims];
  sh.forEach((s) => {
    if (!Number.isSafeInteger(s)) throw argumentError(op, `shifts must be integers, got ${s}`);
  });
  if (dl.length === 0) {
    if (sh.length !== 1) throw argumentError(op, `shifts and dimensions must align. shifts: ${sh.length}, dims:0`);
    const n = numel(x.sizes);
    if (n === 0) return;
    const src = flat(x);
    const res = empty(x.dtype, [n]);
    const s = ((sh[0] % n) + n) % n;
    copy(restride(res, { sizes: [n - s], offset: s }), restride(src, { sizes: [n - s] }));
    if (s > 0) copy(restride(res, { sizes: [s] }), restride(src, { sizes: [s], offset: src.offset + n - s }));
    copy(out, restride(res, { sizes: [...x.sizes], strides: contiguousStrides(x.sizes) }));
    return;
  }
  if (sh.length !== dl.length)
    throw argumentError(op, `shifts and dimensions must align. shifts: ${sh.length}, dims:${dl.length}`);
  const nd = x.sizes.length;
  const total = new Array<number>(Math.max(nd, 1)).fill(0);
  dl.forEach((dim, i) => {
    total[normalizeDim(op, dim, nd)] += sh[i];
  });
  if (numel(x.sizes) === 0) return;
  if (nd === 0) {
    copy(out, x);
    return;
  }
  // Each rolled dim splits into two blocks; copy every combination of blocks.
  const rolled = total.map((s, d) => ((s % x.sizes[d]) + x.sizes[d]) % x.sizes[d]);
  const active = rolled.map((s, d) => (s !== 0 ? d : -1)).filter((d) => d >= 0);
  for (let mask = 0; mask < 1 << active.length; mask++) {
    const sizes = [...x.sizes];
    let xo = x.offset;
    let oo = out.offset;
    let emptyBlock = false;
    active.forEach((d, j) => {
      const n = x.sizes[d];
      const s = rolled[d];
      if (mask & (1 << j)) {
        // x[n-s:] -> out[:s]
        sizes[d] = s;
        xo += (n - s) * x.strides[d];
      } else {
        // x[:n-s] -> out[s:]
        sizes[d] = n - s;
        oo += s * out.strides[d];
      }
      if (sizes[d] === 0) emptyBlock = true;
    });
    if (emptyBlock) continue;
    copy(restride(out, { sizes, offset: oo }), restride(x, { sizes, offset: xo }));
  }
}

function tri(op: string, out: Strided, x: Strided, diagonal: number, upper: boolean): void {
  checkSameShape(op, out, x);
  if (!Number.isSafeInteger(diagonal)) throw argumentError(op, `diagonal must be an integer, got ${diagonal}`);
  if (x.sizes.length < 2) throw argumentError(op, `${op}: input tensor must have at least 2 dimensions`);
  if (numel(x.sizes) === 0) return;
  const m = new Meta().geometry(x.sizes, [out, x], [out.strides, x.strides]).push(diagonal, upper ? 1 : 0);
  call(op, () => native.tri([out.data, x.data], m.build()));
}

/** out = torch.tril(x, diagonal); out may be x itself (tril_). */
export function tril(out: Strided, x: Strided, diagonal = 0): void {
  tri('tril', out, x, diagonal, false);
}

/** out = torch.triu(x, diagonal); out may be x itself (triu_). */
export function triu(out: Strided, x: Strided, diagonal = 0): void {
  tri('triu', out, x, diagonal, true);
}

// ---------------------------------------------------------------------------------------------
// repeat_interleave

function readInts(op: string, t: Strided): number[] {
  checkStrided(op, 'repeats', t);
  checkIndexDtype(op, 'repeats', t, true);
  if (t.sizes.length > 1) throw argumentError(op, 'repeats must be 0-dimensional or 1-dimensional tensor');
  const v = as1d(t);
  const dv = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const out: number[] = [];
  for (let i = 0; i < v.sizes[0]; i++) {
    const e = v.offset + i * v.strides[0];
    const r = t.dtype === 'int64' ? Number(dv.getBigInt64(e * 8, true)) : dv.getInt32(e * 4, true);
    if (r < 0) throw argumentError(op, 'repeats can not be negative');
    out.push(r);
  }
  return out;
}

/** The size torch.repeat_interleave(x, repeats, dim) gives along dim (x.numel() scale when dim is null). */
export function repeatInterleaveSize(size: number, repeats: number | Strided): number {
  const op = 'repeat_interleave';
  if (typeof repeats === 'number') {
    if (!Number.isSafeInteger(repeats) || repeats < 0) throw argumentError(op, 'repeats can not be negative');
    return size * repeats;
  }
  const r = readInts(op, repeats);
  if (r.length !== 1 && r.length !== size)
    throw argumentError(
      op,
      `repeats must have the same size as input along dim, but got repeats.size(0) = ${r.length} and input.size(0) = ${size}`,
    );
  return r.length === 1 ? size * r[0] : r.reduce((a, b) => a + b, 0);
}

/**
 * out = torch.repeat_interleave(x, repeats, dim): repeats a number or a 0-d/1-d int64/int32 tensor;
 * with dim null, x is flattened first. out has x's sizes with dim of size repeatInterleaveSize(...).
 */
export function repeatInterleave(out: Strided, x: Strided, repeats: number | Strided, dim: number | null = null): void {
  const op = 'repeat_interleave';
  checkStrided(op, 'x', x);
  const src = dim === null ? flat(x) : x;
  const d = dim === null ? 0 : normalizeDim(op, dim, x.sizes.length);
  const n = as1d(src).sizes[d];
  const counts = typeof repeats === 'number' ? null : readInts(op, repeats);
  if (typeof repeats === 'number' && (!Number.isSafeInteger(repeats) || repeats < 0))
    throw argumentError(op, 'repeats can not be negative');
  if (counts && counts.length !== 1 && counts.length !== n) {
    throw argumentError(
      op,
      `repeats must have the same size as input along dim, but got repeats.size(0) = ${counts.length} and input.size(0) = ${n}`,
    );
  }
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = counts ? (counts.length === 1 ? counts[0] : counts[i]) : (repeats as number);
    for (let j = 0; j < k; j++) idx.push(i);
  }
  const index = new BigInt64Array(idx.length);
  idx.forEach((v, i) => {
    index[i] = BigInt(v);
  });
  const it: Strided = {
    data: new Uint8Array(index.buffer),
    dtype: 'int64',
    sizes: [idx.length],
    strides: [1],
    offset: 0,
  };
  indexSelect(out, src.sizes.length === 0 ? restride(src, { sizes: [1], strides: [0] }) : src, d, it);
}
