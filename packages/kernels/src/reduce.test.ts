import { describe, expect, it } from 'vitest';
import { type DType, dtypes, isFloating } from './dtype.js';
import { KernelError } from './kernel-error.js';
import {
  all,
  amax,
  amin,
  any,
  argmax,
  argmin,
  countNonzero,
  type Dims,
  logsumexp,
  max,
  mean,
  min,
  norm,
  prod,
  reducedSizes,
  std,
  sum,
  variance,
} from './reduce.js';
import { availableKernelPaths } from './runtime.js';
import { numel, type Strided } from './strided.js';
import {
  closeTo,
  type Layout,
  makeContiguous,
  makeStrided,
  randInt,
  randomShape,
  randomValue,
  rng,
  roundTo,
  toNumbers,
  withPath,
} from './test-utils.js';

const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];

type Op =
  | 'sum'
  | 'mean'
  | 'prod'
  | 'amax'
  | 'amin'
  | 'var'
  | 'std'
  | 'norm'
  | 'logsumexp'
  | 'any'
  | 'all'
  | 'count_nonzero'
  | 'max'
  | 'min'
  | 'argmax'
  | 'argmin';

const ops: Op[] = [
  'sum',
  'mean',
  'prod',
  'amax',
  'amin',
  'var',
  'std',
  'norm',
  'logsumexp',
  'any',
  'all',
  'count_nonzero',
  'max',
  'min',
  'argmax',
  'argmin',
];

/** Which dtypes an op accepts and the dtype its output has. */
function outDtype(op: Op, x: DType): DType | null {
  switch (op) {
    case 'sum':
    case 'prod':
      return isFloating(x) ? x : 'int64';
    case 'mean':
    case 'logsumexp':
      return isFloating(x) ? x : 'float32';
    case 'amax':
    case 'amin':
    case 'max':
    case 'min':
      return x;
    case 'var':
    case 'std':
    case 'norm':
      return isFloating(x) ? x : null;
    case 'any':
    case 'all':
      return x === 'uint8' ? 'uint8' : 'bool';
    case 'count_nonzero':
    case 'argmax':
    case 'argmin':
      return x === 'bool' && op !== 'count_nonzero' ? null : 'int64';
  }
}

const maxLike = (op: Op) =>
  op === 'amax' || op === 'amin' || op === 'max' || op === 'min' || op === 'argmax' || op === 'argmin';
const singleDim = (op: Op) => op === 'max' || op === 'min' || op === 'argmax' || op === 'argmin';

interface Result {
  values: number[];
  indices?: number[];
  outDtype: DType;
}

/** Runs op; dims for max/min/argmax/argmin is a single dim (or null for argmax/argmin). */
function runOp(
  op: Op,
  x: Strided,
  dims: Dims,
  keepdim: boolean,
  p = 2,
  correction = 1,
  layout: Layout = 'contiguous',
): Result {
  const od = outDtype(op, x.dtype) as DType;
  const dimList = dims === null || dims === undefined ? [] : typeof dims === 'number' ? [dims] : dims;
  const nd = x.sizes.length;
  let mask = 0;
  if (dimList.length === 0) mask = nd === 0 ? 0 : 2 ** nd - 1;
  else for (const d of dimList) mask |= nd === 0 ? 0 : 1 << (d < 0 ? d + nd : d);
  const osz = op === 'count_nonzero' ? reducedSizes(x.sizes, mask, false) : reducedSizes(x.sizes, mask, keepdim);
  const out = makeStrided(od, osz, new Array(numel(osz)).fill(0), layout);
  if (singleDim(op)) {
    const idx = makeStrided('int64', osz, new Array(numel(osz)).fill(0), layout);
    const dim = dims as number | null;
    if (op === 'max') max(out, idx, x, dim as number, keepdim);
    else if (op === 'min') min(out, idx, x, dim as number, keepdim);
    else if (op === 'argmax') argmax(idx, x, dim, keepdim);
    else argmin(idx, x, dim, keepdim);
    return { values: op === 'max' || op === 'min' ? toNumbers(out) : [], indices: toNumbers(idx), outDtype: od };
  }
  switch (op) {
    case 'sum':
      sum(out, x, dims, keepdim);
      break;
    case 'mean':
      mean(out, x, dims, keepdim);
      break;
    case 'prod':
      prod(out, x, dims, keepdim);
      break;
    case 'amax':
      amax(out, x, dims, keepdim);
      break;
    case 'amin':
      amin(out, x, dims, keepdim);
      break;
    case 'var':
      variance(out, x, dims, correction, keepdim);
      break;
    case 'std':
      std(out, x, dims, correction, keepdim);
      break;
    case 'norm':
      norm(out, x, p, dims, keepdim);
      break;
    case 'logsumexp':
      logsumexp(out, x, dims, keepdim);
      break;
    case 'any':
      any(out, x, dims, keepdim);
      break;
    case 'all':
      all(out, x, dims, keepdim);
      break;
    case 'count_nonzero':
      countNonzero(out, x, dims);
      break;
  }
  return { values: toNumbers(out), outDtype: od };
}

/** The values of x grouped by output element, each group in row-major order of the reduced dims. */
function groups(values: number[], sizes: readonly number[], mask: number): number[][] {
  const nd = sizes.length;
  const outSizes = sizes.filter((_, d) => !(mask & (1 << d)));
  const res: number[][] = Array.from({ length: numel(outSizes) }, () => []);
  const idx = new Array<number>(nd).fill(0);
  for (let i = 0; i < values.length; i++) {
    let o = 0;
    for (let d = 0; d < nd; d++) if (!(mask & (1 << d))) o = o * sizes[d] + idx[d];
    res[o].push(values[i]);
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
  return res;
}

/** PyTorch semantics of each op on one group, in float64 (BigInt for integer products). */
function expectOne(op: Op, g: number[], xd: DType, p: number, correction: number): number | [number, number] {
  const n = g.length;
  const nanIdx = g.findIndex((v) => Number.isNaN(v));
  switch (op) {
    case 'sum':
      return g.reduce((a, b) => a + b, 0);
    case 'mean':
      return g.reduce((a, b) => a + b, 0) / n;
    case 'prod':
      if (!isFloating(xd)) return Number(g.reduce((a, b) => BigInt.asIntN(64, a * BigInt(b)), 1n));
      return g.reduce((a, b) => a * b, 1);
    case 'amax':
    case 'amin': {
      if (nanIdx >= 0) return Number.NaN;
      return op === 'amax' ? Math.max(...g) : Math.min(...g);
    }
    case 'max':
    case 'min':
    case 'argmax':
    case 'argmin': {
      if (nanIdx >= 0) return [Number.NaN, nanIdx];
      let best = 0;
      for (let i = 1; i < n; i++) if (op === 'max' || op === 'argmax' ? g[i] > g[best] : g[i] < g[best]) best = i;
      return [g[best], best];
    }
    case 'var':
    case 'std': {
      const m = g.reduce((a, b) => a + b, 0) / n;
      const v = g.reduce((a, b) => a + (b - m) * (b - m), 0) / Math.max(0, n - correction);
      return op === 'std' ? Math.sqrt(v) : v;
    }
    case 'norm': {
      if (n === 0) return 0;
      const a = g.map(Math.abs);
      if (p === 0) return a.filter((v) => v !== 0).length;
      if (p === Infinity) return a.some(Number.isNaN) ? Number.NaN : Math.max(...a);
      if (p === -Infinity) return a.some(Number.isNaN) ? Number.NaN : Math.min(...a);
      return a.reduce((s, v) => s + v ** p, 0) ** (1 / p);
    }
    case 'logsumexp': {
      if (nanIdx >= 0) return Number.NaN;
      const m = Math.max(...g);
      if (!Number.isFinite(m)) return n === 0 ? -Infinity : m;
      return m + Math.log(g.reduce((s, v) => s + Math.exp(v - m), 0));
    }
    case 'any':
      return g.some((v) => v !== 0) ? 1 : 0;
    case 'all':
      return g.every((v) => v !== 0) ? 1 : 0;
    case 'count_nonzero':
      return g.filter((v) => v !== 0).length;
  }
}

function tolerance(d: DType): [number, number] {
  switch (d) {
    case 'float32':
      return [2e-5, 1e-4];
    case 'float64':
      return [1e-9, 1e-9];
    case 'float16':
      return [2e-3, 2e-3];
    case 'bfloat16':
      return [1e-2, 1e-2];
    default:
      return [0, 0];
  }
}

function randomDims(r: () => number, nd: number, op: Op): Dims {
  if (singleDim(op)) {
    if ((op === 'argmax' || op === 'argmin') && r() < 0.25) return null;
    return nd === 0 ? (r() < 0.5 ? 0 : -1) : randInt(r, -nd, nd - 1);
  }
  const c = r();
  if (c < 0.15) return null;
  if (c < 0.25) return [];
  if (nd === 0) return r() < 0.5 ? [0] : [-1];
  const dims: number[] = [];
  for (let d = 0; d < nd; d++) if (r() < 0.5) dims.push(r() < 0.5 ? d - nd : d);
  if (dims.length === 0) dims.push(randInt(r, 0, nd - 1));
  return dims;
}

function maskOf(dims: Dims, nd: number): number {
  if (dims === null || dims === undefined) return nd === 0 ? 0 : 2 ** nd - 1;
  const list = typeof dims === 'number' ? [dims] : dims;
  if (list.length === 0) return nd === 0 ? 0 : 2 ** nd - 1;
  let m = 0;
  for (const d of list) m |= nd === 0 ? 0 : 1 << (d < 0 ? d + nd : d);
  return m;
}

/** Would PyTorch reject this call for an empty reduction? */
function emptyError(op: Op, sizes: number[], mask: number): boolean {
  if (!maxLike(op)) return false;
  return sizes.some((s, d) => s === 0 && mask & (1 << d)) || (numel(sizes) === 0 && mask === 2 ** sizes.length - 1);
}

function randomData(dtype: DType, n: number, r: () => number, op: Op, special: boolean): number[] {
  return Array.from({ length: n }, () => {
    if (op === 'prod' && isFloating(dtype)) return roundTo(dtype, 0.5 + r());
    if (special && isFloating(dtype)) {
      const c = r();
      if (c < 0.05) return Number.NaN;
      if (c < 0.08) return Number.POSITIVE_INFINITY;
      if (c < 0.11) return Number.NEGATIVE_INFINITY;
    }
    if (
      (op === 'amax' || op === 'max' || op === 'argmax' || op === 'any' || op === 'all' || op === 'count_nonzero') &&
      r() < 0.3
    )
      return 0;
    return roundTo(dtype, randomValue(dtype, r));
  });
}

function check(op: Op, res: Result, exp: (number | [number, number])[], what: string): void {
  if (singleDim(op)) {
    const ev = exp.map((e) => roundTo(res.outDtype === 'int64' ? 'float64' : res.outDtype, (e as [number, number])[0]));
    const ei = exp.map((e) => (e as [number, number])[1]);
    expect(res.indices, what).toEqual(ei);
    if (op === 'max' || op === 'min') expect(closeTo(res.values, ev, 0, 0), what).toBeNull();
    return;
  }
  const [rtol, atol] = tolerance(res.outDtype);
  const e = exp.map((v) => (isFloating(res.outDtype) ? (v as number) : roundTo(res.outDtype, v as number)));
  expect(closeTo(res.values, e, rtol, atol), what).toBeNull();
}

describe('reductions', () => {
  it('match PyTorch semantics (float64 model) on random shapes, dims, layouts and dtypes, every path', () => {
    const r = rng(11);
    const paths = availableKernelPaths();
    for (let trial = 0; trial < 700; trial++) {
      const op = ops[trial % ops.length];
      const xd = dtypes[randInt(r, 0, dtypes.length - 1)];
      if (outDtype(op, xd) === null) continue;
      const sizes = randomShape(r, 4, 6);
      const dims = randomDims(r, sizes.length, op);
      const mask = maskOf(dims, sizes.length);
      if (emptyError(op, sizes, mask)) continue;
      const keepdim = r() < 0.4;
      const p = [0, 1, 2, 3, 0.5, -1, Infinity, -Infinity][randInt(r, 0, 7)];
      const correction = [0, 1, 2][randInt(r, 0, 2)];
      const vals = randomData(xd, numel(sizes), r, op, r() < 0.3);
      const x = makeStrided(xd, sizes, vals, layouts[trial % 4]);
      const exp = groups(vals, sizes, mask).map((g) => expectOne(op, g, xd, p, correction));
      for (const path of paths) {
        for (const threads of [1, 2]) {
          const res = withPath(
            path,
            () => runOp(op, x, dims, keepdim, p, correction, layouts[(trial >> 2) % 4]),
            threads,
          );
          check(
            op,
            res,
            exp,
            `${op} ${xd} [${sizes}] dims ${JSON.stringify(dims)} keepdim ${keepdim} p ${p} corr ${correction} ${layouts[trial % 4]} ${path}/${threads}`,
          );
        }
      }
    }
  });

  it('fast paths agree with the reference on larger shapes (outer-dim, last-dim and full reductions)', () => {
    const r = rng(5);
    const shapes: [number[], Dims][] = [
      [[300, 257], [-1]],
      [[257, 300], [0]],
      [
        [64, 3, 40],
        [0, 2],
      ],
      [[5, 130, 70], [1]],
      [[70000], null],
      [[3, 50000], [1]],
      [[50000, 3], [0]],
      [[2, 300, 300], null],
      [
        [300, 2, 300],
        [0, 2],
      ],
    ];
    for (const op of ops) {
      for (const [sizes, dims0] of shapes) {
        const xd: DType = ['var', 'std', 'norm'].includes(op)
          ? 'float32'
          : (['float32', 'float64', 'int32', 'bfloat16'] as DType[])[randInt(r, 0, 3)];
        const dims: Dims = singleDim(op)
          ? dims0 === null
            ? op.startsWith('arg')
              ? null
              : 0
            : (dims0 as number[])[0]
          : dims0;
        const vals = randomData(xd, numel(sizes), r, op, false);
        const layout = layouts[randInt(r, 0, 3)];
        const x = makeStrided(xd, sizes, vals, layout);
        const ref = withPath('reference', () => runOp(op, x, dims, false, 3));
        for (const path of availableKernelPaths().slice(1)) {
          for (const threads of [1, 2]) {
            const res = withPath(path, () => runOp(op, x, dims, false, 3), threads);
            const what = `${op} ${xd} [${sizes}] ${JSON.stringify(dims)} ${layout} ${path}/${threads}`;
            if (res.indices) expect(res.indices, what).toEqual(ref.indices);
            const [rtol, atol] = tolerance(res.outDtype);
            expect(closeTo(res.values, ref.values, op === 'prod' ? 1e-4 : rtol, atol * 10), what).toBeNull();
          }
        }
      }
    }
  });

  it('sums 16M float32 values to about 1e-6 relative error', () => {
    const n = 1 << 24;
    const x = makeContiguous('float32', [n]);
    const f = new Float32Array(x.data.buffer);
    const r = rng(3);
    let exact = 0;
    for (let i = 0; i < n; i++) {
      f[i] = r() + 0.25;
      exact += f[i];
    }
    for (const path of availableKernelPaths()) {
      for (const threads of [1, 2]) {
        const out = makeContiguous('float32', []);
        withPath(path, () => sum(out, x), threads);
        expect(Math.abs(toNumbers(out)[0] - exact) / exact, `${path}/${threads}`).toBeLessThan(1e-6);
        const rows = makeContiguous('float32', [4]);
        withPath(path, () => sum(rows, { ...x, sizes: [4, n / 4], strides: [n / 4, 1] }, -1), threads);
        expect(Math.abs(toNumbers(rows).reduce((a, b) => a + b) - exact) / exact).toBeLessThan(1e-6);
        const m = makeContiguous('float64', []);
        withPath(path, () => mean(m, x), threads);
        expect(Math.abs(toNumbers(m)[0] - exact / n) / (exact / n)).toBeLessThan(1e-6);
      }
    }
  });

  it('gives the values PyTorch gives', () => {
    const f = (v: number[], s = [v.length]) => makeContiguous('float32', s, v);
    const one = (fn: (o: Strided) => void, d: DType = 'float32', s: number[] = []) => {
      const o = makeContiguous(d, s);
      fn(o);
      return toNumbers(o);
    };
    // torch.tensor([[1., 2, 3], [4, 5, 6]]).sum(0) -> [5, 7, 9]; .sum(1, keepdim=True) -> [[6], [15]]
    const m = f([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(one((o) => sum(o, m, 0), 'float32', [3])).toEqual([5, 7, 9]);
    expect(one((o) => sum(o, m, 1, true), 'float32', [2, 1])).toEqual([6, 15]);
    expect(one((o) => prod(o, m, [0, 1]))).toEqual([720]);
    expect(one((o) => mean(o, m, -1), 'float32', [2])).toEqual([2, 5]);
    // var([1,2,3,4,5,6]) = 3.5, correction 0 -> 2.9166667; var([1.]) -> nan; var([1, 2], correction=2) -> inf
    expect(one((o) => variance(o, m))[0]).toBeCloseTo(3.5, 6);
    expect(one((o) => variance(o, m, null, 0))[0]).toBeCloseTo(2.9166667, 6);
    expect(one((o) => variance(o, f([1])))[0]).toBeNaN();
    expect(one((o) => variance(o, f([1, 2]), 0, 2))).toEqual([Infinity]);
    expect(one((o) => std(o, f([2, 4, 4, 4, 5, 5, 7, 9]), null, 0))[0]).toBeCloseTo(2, 6);
    // norm([1,-2,3], p) for p = 0, 1, 2, 3, -1, inf, -inf
    const v = f([1, -2, 3]);
    const norms = [0, 1, 2, 3, -1, Infinity, -Infinity].map((p) => one((o) => norm(o, v, p))[0]);
    expect(closeTo(norms, [3, 6, 3.7416575, 3.3019272, 0.5454545, 3, 1], 1e-6)).toBeNull();
    expect(one((o) => norm(o, f([2, Number.NaN]), 0))).toEqual([2]);
    // logsumexp
    expect(one((o) => logsumexp(o, f([1, 2])))[0]).toBeCloseTo(2.3132617, 6);
    expect(one((o) => logsumexp(o, f([Infinity, Infinity])))).toEqual([Infinity]);
    expect(one((o) => logsumexp(o, f([-Infinity, -Infinity])))).toEqual([-Infinity]);
    expect(one((o) => logsumexp(o, f([Infinity, Number.NaN])))[0]).toBeNaN();
    expect(one((o) => logsumexp(o, f([1000, 1000])))[0]).toBeCloseTo(1000.6931472, 4);
    expect(one((o) => logsumexp(o, makeContiguous('int64', [2], [1, 2])))[0]).toBeCloseTo(2.3132617, 6);
    // max/min with NaN and ties: tensor([[1., nan, 3, nan]]).max(1) -> (nan, 1); [[1., 3, 3, 1]] -> (3, 1) / min (1, 0)
    const vi = (fn: (vals: Strided, idx: Strided) => void, d: DType = 'float32', sz = [1]) => {
      const vals = makeContiguous(d, sz);
      const idx = makeContiguous('int64', sz);
      fn(vals, idx);
      return [toNumbers(vals)[0], toNumbers(idx)[0]];
    };
    const nanRow = f([1, Number.NaN, 3, Number.NaN], [1, 4]);
    expect(vi((a, b) => max(a, b, nanRow, 1))).toEqual([Number.NaN, 1]);
    expect(vi((a, b) => min(a, b, nanRow, 1))).toEqual([Number.NaN, 1]);
    const ties = f([1, 3, 3, 1], [1, 4]);
    expect(vi((a, b) => max(a, b, ties, 1))).toEqual([3, 1]);
    expect(vi((a, b) => min(a, b, ties, 1))).toEqual([1, 0]);
    expect(one((o) => amin(o, nanRow, 1), 'float32', [1])[0]).toBeNaN();
    expect(one((o) => argmax(o, f([1, 5, 2, 5, 9, 0], [2, 3])), 'int64')).toEqual([4]);
    expect(one((o) => argmin(o, f([1, 5, 2, 5, 9, 0], [2, 3]), 0), 'int64', [3])).toEqual([0, 0, 1]);
    // argmax of a transposed view flattens in logical order
    const tr: Strided = { ...f([1, 9, 9, 1]), sizes: [2, 2], strides: [1, 2] }; // logical [[1, 9], [9, 1]]
    expect(one((o) => argmax(o, tr), 'int64')).toEqual([1]);
    expect(vi((a, b) => max(a, b, makeContiguous('bool', [2], [0, 1]), 0), 'bool', [])).toEqual([1, 1]);
    // 0-d input
    const s = f([5], []);
    expect(one((o) => sum(o, s, 0))).toEqual([5]);
    expect(one((o) => amax(o, s, -1))).toEqual([5]);
    expect(one((o) => argmax(o, s, 0), 'int64')).toEqual([0]);
    // integer promotion and wrapping
    expect(one((o) => sum(o, makeContiguous('int8', [3], [100, 100, 100])), 'int64')).toEqual([300]);
    expect(one((o) => sum(o, makeContiguous('bool', [3], [1, 0, 1])), 'int64')).toEqual([2]);
    expect(one((o) => prod(o, makeContiguous('int64', [2], [2 ** 62, 4])), 'int64')).toEqual([0]);
    expect(one((o) => any(o, makeContiguous('uint8', [3], [0, 0, 7])), 'uint8')).toEqual([1]);
    expect(one((o) => all(o, makeContiguous('float32', [2], [0.5, 0])), 'bool')).toEqual([0]);
    expect(one((o) => countNonzero(o, makeContiguous('int32', [1, 3], [1, 0, 2]), 1), 'int64', [1])).toEqual([2]);
    // empty reductions
    const e = makeContiguous('float32', [2, 0, 3]);
    expect(one((o) => sum(o, e, 1), 'float32', [2, 3])).toEqual(new Array(6).fill(0));
    expect(one((o) => prod(o, e, 1), 'float32', [2, 3])).toEqual(new Array(6).fill(1));
    expect(one((o) => mean(o, e, 1), 'float32', [2, 3]).every(Number.isNaN)).toBe(true);
    expect(one((o) => norm(o, e, -Infinity, 1), 'float32', [2, 3])).toEqual(new Array(6).fill(0));
    expect(one((o) => logsumexp(o, e, 1), 'float32', [2, 3])).toEqual(new Array(6).fill(-Infinity));
    expect(one((o) => all(o, e, 1), 'bool', [2, 3])).toEqual(new Array(6).fill(1));
    expect(one((o) => amax(o, e, 0), 'float32', [0, 3])).toEqual([]);
    // float16 sums accumulate beyond float16 precision: 4096 * 1.0 is exact
    expect(one((o) => sum(o, makeContiguous('float16', [4096], new Array(4096).fill(1))), 'float16')).toEqual([4096]);
  });

  it('rejects bad dims, empty max-like reductions and wrong output dtypes with PyTorch messages', () => {
    const x = makeContiguous('float32', [2, 0, 3]);
    const o = makeContiguous('float32', [2, 3]);
    expect(() => amax(o, x, 1)).toThrow('amax(): Expected reduction dim 1 to have non-zero size.');
    expect(() => amax(makeContiguous('float32', []), x)).toThrow(
      "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
    );
    expect(() => max(o, makeContiguous('int64', [2, 3]), x, 1)).toThrow(
      'max(): Expected reduction dim 1 to have non-zero size.',
    );
    expect(() => argmax(makeContiguous('int64', []), x)).toThrow(
      'argmax(): Expected reduction dim to be specified for input.numel() == 0.',
    );
    expect(() => sum(o, x, 3)).toThrow('Dimension out of range (expected to be in range of [-3, 2], but got 3)');
    expect(() => sum(makeContiguous('float32', [2]), makeContiguous('float32', [2, 3]), 2)).toThrow(
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    );
    expect(() => sum(makeContiguous('float32', []), makeContiguous('float32', []), 1)).toThrow(
      'expected to be in range of [-1, 0], but got 1',
    );
    expect(() => sum(o, x, [1, -2])).toThrow('dim 1 appears multiple times in the list of dims');
    expect(() => sum(makeContiguous('float32', [2]), x, 1)).toThrow(/has sizes \[2\] but the reduction/);
    expect(() => mean(makeContiguous('int64', []), makeContiguous('int64', [2]))).toThrow(
      'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long',
    );
    expect(() => variance(makeContiguous('float32', []), makeContiguous('int32', [2]))).toThrow(
      'std and var only support floating point and complex dtypes',
    );
    expect(() => norm(makeContiguous('float32', []), makeContiguous('int64', [2]))).toThrow(
      'norm(): input dtype should be either floating point or complex. Got Long instead.',
    );
    expect(() => argmax(makeContiguous('int64', []), makeContiguous('bool', [2]))).toThrow(
      `"argmax_cpu" not implemented for 'Bool'`,
    );
    expect(() => amax(makeContiguous('float64', []), makeContiguous('float32', [2]))).toThrow(KernelError);
    expect(() =>
      max(makeContiguous('float32', []), makeContiguous('int32', []), makeContiguous('float32', [2]), 0),
    ).toThrow(/indices must be int64/);
    expect(() => sum(o, { ...o, strides: [3, 2] })).toThrow(/reaches byte/);
    expect(() => sum(o, x, 0.5)).toThrow(KernelError);
  });
});
