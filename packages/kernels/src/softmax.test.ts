import { describe, expect, it } from 'vitest';
import type { DType } from './dtype.js';
import { availableKernelPaths } from './runtime.js';
import { layerNorm, logSoftmax, softmax } from './softmax.js';
import { numel } from './strided.js';
import {
  closeTo,
  type Layout,
  makeContiguous,
  makeStrided,
  randInt,
  randomShape,
  rng,
  roundTo,
  toNumbers,
  withPath,
} from './test-utils.js';

const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];
const floats: DType[] = ['float32', 'float64', 'float16', 'bfloat16'];

function tol(d: DType): [number, number] {
  return d === 'float32'
    ? [1e-5, 1e-6]
    : d === 'float64'
      ? [1e-12, 1e-13]
      : d === 'float16'
        ? [2e-3, 1e-4]
        : [1e-2, 1e-3];
}

/** Applies fn to each run along `dim` of row-major values, in place of a copy. */
function alongDim(values: number[], sizes: number[], dim: number, fn: (row: number[]) => number[]): number[] {
  const out = [...values];
  if (sizes.length === 0) return fn(values);
  const n = sizes[dim];
  let inner = 1;
  for (let d = dim + 1; d < sizes.length; d++) inner *= sizes[d];
  const outer = numel(sizes) / Math.max(n * inner, 1);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const idx = Array.from({ length: n }, (_, j) => (o * n + j) * inner + i);
      const res = fn(idx.map((k) => values[k]));
      idx.forEach((k, j) => {
        out[k] = res[j];
      });
    }
  }
  return out;
}

function softmaxModel(row: number[], log: boolean): number[] {
  const m = row.some(Number.isNaN) ? Number.NaN : Math.max(...row);
  const s = row.reduce((a, v) => a + Math.exp(v - m), 0);
  return row.map((v) => (log ? v - m - Math.log(s) : Math.exp(v - m) / s));
}

describe('softmax / log_softmax', () => {
  it('match a float64 model on random shapes, dims, layouts and dtypes, every path', () => {
    const r = rng(21);
    for (let trial = 0; trial < 240; trial++) {
      const xd = floats[trial % 4];
      const sizes = trial % 10 === 0 ? [randInt(r, 1, 4), randInt(r, 17, 90)] : randomShape(r, 3, 8);
      const nd = sizes.length;
      const dim = nd === 0 ? (r() < 0.5 ? 0 : -1) : trial % 10 === 0 ? -1 : randInt(r, -nd, nd - 1);
      const vals = Array.from({ length: numel(sizes) }, () => roundTo(xd, (r() - 0.5) * 20));
      const log = r() < 0.5;
      const x = makeStrided(xd, sizes, vals, trial % 10 === 0 ? 'contiguous' : layouts[trial % 4]);
      const exp = alongDim(vals, sizes, nd === 0 ? 0 : (dim + nd) % nd, (row) => softmaxModel(row, log));
      for (const path of availableKernelPaths()) {
        for (const threads of [1, 2]) {
          const out = makeStrided(xd, sizes, new Array(numel(sizes)).fill(0), layouts[(trial >> 2) % 4]);
          withPath(path, () => (log ? logSoftmax : softmax)(out, x, dim), threads);
          const [rt, at] = tol(xd);
          expect(
            closeTo(toNumbers(out), exp, rt, at),
            `${log ? 'log_' : ''}softmax ${xd} [${sizes}] dim ${dim} ${path}/${threads}`,
          ).toBeNull();
        }
      }
    }
  });

  it('computes exp accurately over its whole range (vector exp)', () => {
    const r = rng(4);
    const n = 4096;
    const vals: number[] = [];
    for (let i = 0; i < n; i++) vals.push(i % 64 === 0 ? 0 : roundTo('float32', -r() * 103));
    const x = makeContiguous('float32', [n / 64, 64], vals);
    const exp = alongDim(vals, [n / 64, 64], 1, (row) => softmaxModel(row, false));
    for (const path of availableKernelPaths()) {
      const out = makeContiguous('float32', [n / 64, 64]);
      withPath(path, () => softmax(out, x, 1));
      const got = toNumbers(out);
      for (let i = 0; i < n; i++) {
        const e = exp[i];
        // normal results: within a few ulp; subnormal ones: within the subnormal spacing
        const ok = e > 1.2e-38 ? Math.abs(got[i] - e) <= 4e-7 * e : Math.abs(got[i] - e) <= 3e-45;
        expect(ok, `${path}: exp(${vals[i]}) -> ${got[i]} vs ${e}`).toBe(true);
      }
    }
  });

  it('gives the values PyTorch gives, including NaN and infinities', () => {
    const run = (fn: typeof softmax, v: number[]) => {
      const x = makeContiguous('float32', [v.length], v);
      const o = makeContiguous('float32', [v.length]);
      fn(o, x, 0);
      return toNumbers(o);
    };
    // torch.softmax(torch.tensor([1., 2, 3]), 0) and log_softmax
    expect(closeTo(run(softmax, [1, 2, 3]), [0.09003057, 0.24472847, 0.66524096], 1e-6)).toBeNull();
    expect(closeTo(run(logSoftmax, [1, 2, 3]), [-2.40760596, -1.40760596, -0.40760596], 1e-6)).toBeNull();
    expect(closeTo(run(softmax, [1000, 1000]), [0.5, 0.5])).toBeNull();
    expect(closeTo(run(softmax, [0, -Infinity]), [1, 0])).toBeNull();
    expect(run(softmax, [-Infinity, -Infinity]).every(Number.isNaN)).toBe(true);
    const big = new Array(40).fill(1);
    big[7] = Number.NaN;
    expect(run(softmax, big).every(Number.isNaN)).toBe(true);
    expect(run(logSoftmax, big).every(Number.isNaN)).toBe(true);
    // 0-d: softmax is 1, log_softmax 0
    const s = makeContiguous('float64', [], [3]);
    const o = makeContiguous('float64', []);
    softmax(o, s, -1);
    expect(toNumbers(o)).toEqual([1]);
    logSoftmax(o, s, 0);
    expect(toNumbers(o)).toEqual([0]);
  });

  it('rejects bad arguments', () => {
    const x = makeContiguous('float32', [2, 3]);
    expect(() => softmax(makeContiguous('float32', [2, 3]), x, 2)).toThrow(
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    );
    expect(() => softmax(makeContiguous('int64', [2, 3]), makeContiguous('int64', [2, 3]), 0)).toThrow(
      `not implemented for 'Long'`,
    );
    expect(() => softmax(makeContiguous('float64', [2, 3]), x, 0)).toThrow(/dtype/);
    expect(() => logSoftmax(makeContiguous('float32', [3, 2]), x, 0)).toThrow(/sizes/);
  });
});

function layerNormModel(
  vals: number[],
  sizes: number[],
  k: number,
  w: number[] | null,
  b: number[] | null,
  eps: number,
) {
  const n = numel(sizes.slice(sizes.length - k));
  const rows = numel(sizes.slice(0, sizes.length - k));
  const out: number[] = [];
  const means: number[] = [];
  const rstds: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = vals.slice(r * n, r * n + n);
    const m = row.reduce((a, v) => a + v, 0) / n;
    const v = row.reduce((a, x) => a + (x - m) * (x - m), 0) / n;
    const rs = 1 / Math.sqrt(v + eps);
    means.push(m);
    rstds.push(rs);
    row.forEach((x, j) => {
      out.push((x - m) * rs * (w ? w[j] : 1) + (b ? b[j] : 0));
    });
  }
  return { out, means, rstds };
}

describe('layer_norm', () => {
  it('matches a float64 model with and without weight and bias, any layout, every path', () => {
    const r = rng(8);
    for (let trial = 0; trial < 160; trial++) {
      const xd = floats[trial % 4];
      const sizes =
        trial % 8 === 0 ? [randInt(r, 1, 5), randInt(r, 16, 100)] : randomShape(r, 4, 6).filter((s) => s > 0);
      if (sizes.length === 0) sizes.push(randInt(r, 1, 9));
      const k = randInt(r, 1, sizes.length);
      const ns = sizes.slice(sizes.length - k);
      const vals = Array.from({ length: numel(sizes) }, () => roundTo(xd, (r() - 0.3) * 6));
      const w = r() < 0.7 ? Array.from({ length: numel(ns) }, () => roundTo(xd, r() * 2 - 1)) : null;
      const b = r() < 0.7 ? Array.from({ length: numel(ns) }, () => roundTo(xd, r() * 2 - 1)) : null;
      const eps = [1e-5, 1e-3, 0.5][trial % 3];
      const exp = layerNormModel(vals, sizes, k, w, b, eps);
      const layout = trial % 8 === 0 ? 'contiguous' : layouts[trial % 4];
      const x = makeStrided(xd, sizes, vals, layout);
      const wt = w ? makeStrided(xd, ns, w, layout) : null;
      const bt = b ? makeStrided(xd, ns, b, layouts[(trial + 1) % 4]) : null;
      const statSizes = [...sizes.slice(0, sizes.length - k), ...new Array(k).fill(1)];
      for (const path of availableKernelPaths()) {
        for (const threads of [1, 2]) {
          const out = makeStrided(xd, sizes, new Array(numel(sizes)).fill(0), layout);
          const mean = makeContiguous('float32', statSizes);
          const rstd = makeContiguous('float32', statSizes);
          withPath(path, () => layerNorm(out, mean, rstd, x, ns, wt, bt, eps), threads);
          const what = `${xd} [${sizes}] k ${k} w ${!!w} b ${!!b} ${layout} ${path}/${threads}`;
          const [rt, at] = tol(xd);
          expect(closeTo(toNumbers(out), exp.out, rt * 4, at * 40), what).toBeNull();
          expect(closeTo(toNumbers(mean), exp.means, 1e-5, 1e-5), what).toBeNull();
          expect(closeTo(toNumbers(rstd), exp.rstds, 1e-4, 1e-5), what).toBeNull();
        }
      }
    }
  });

  it('gives the values PyTorch gives and validates its arguments', () => {
    // torch.native_layer_norm(torch.tensor([[1., 2, 3, 4]]), [4], None, None, 1e-5)
    const x = makeContiguous('float32', [1, 4], [1, 2, 3, 4]);
    const out = makeContiguous('float32', [1, 4]);
    const mean = makeContiguous('float32', [1, 1]);
    const rstd = makeContiguous('float32', [1, 1]);
    layerNorm(out, mean, rstd, x, [4]);
    expect(closeTo(toNumbers(out), [-1.3416355, -0.4472118, 0.4472118, 1.3416355], 1e-6)).toBeNull();
    expect(toNumbers(mean)).toEqual([2.5]);
    expect(closeTo(toNumbers(rstd), [0.8944233], 1e-6)).toBeNull();
    const w = makeContiguous('float32', [4], [1, 2, 3, 4]);
    const b = makeContiguous('float32', [4], [0, 0, 0, 1]);
    layerNorm(out, null, null, x, [4], w, b);
    expect(closeTo(toNumbers(out), [-1.3416355, -0.8944236, 1.3416355, 6.366542], 1e-6)).toBeNull();
    expect(() => layerNorm(out, null, null, x, [3])).toThrow(
      'Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[1, 4]',
    );
    expect(() => layerNorm(out, null, null, x, [4], makeContiguous('float32', [3]))).toThrow(
      'Expected weight to be of same shape as normalized_shape',
    );
    expect(() => layerNorm(out, null, null, x, [])).toThrow(/at least 1-dimensional/);
    expect(() => layerNorm(out, makeContiguous('float32', [1]), null, x, [4])).toThrow(/mean has sizes/);
  });
});
