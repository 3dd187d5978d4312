import { describe, expect, it } from 'vitest';
import { type DType, dtypes, isFloating } from './dtype.js';
import { availableKernelPaths } from './runtime.js';
import { cummax, cummin, cumprod, cumsum, logcumsumexp } from './scan.js';
import { numel } from './strided.js';
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
type Op = 'cumsum' | 'cumprod' | 'logcumsumexp' | 'cummax' | 'cummin';
const ops: Op[] = ['cumsum', 'cumprod', 'logcumsumexp', 'cummax', 'cummin'];

/** Positions of each run along dim in row-major order. */
function runs(sizes: number[], dim: number): number[][] {
  if (sizes.length === 0) return [[0]];
  const n = sizes[dim];
  let inner = 1;
  for (let d = dim + 1; d < sizes.length; d++) inner *= sizes[d];
  const outer = n * inner === 0 ? 0 : numel(sizes) / (n * inner);
  const res: number[][] = [];
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) res.push(Array.from({ length: n }, (_, j) => (o * n + j) * inner + i));
  return res;
}

function model(op: Op, row: number[], xd: DType): [number[], number[]] {
  const v: number[] = [];
  const ix: number[] = [];
  let a = op === 'cumprod' ? (isFloating(xd) ? 1 : 1n) : op === 'logcumsumexp' ? -Infinity : 0;
  let best = 0;
  row.forEach((x, i) => {
    if (op === 'cumsum') a = (a as number) + x;
    else if (op === 'cumprod') a = isFloating(xd) ? (a as number) * x : BigInt.asIntN(64, (a as bigint) * BigInt(x));
    else if (op === 'logcumsumexp') {
      const r = a as number;
      if (Number.isNaN(r) || Number.isNaN(x)) a = Number.NaN;
      else if (r === -Infinity) a = x;
      else if (x !== -Infinity) {
        const m = Math.max(r, x);
        a = m === Infinity ? Infinity : m + Math.log1p(Math.exp(-Math.abs(r - x)));
      }
    } else {
      const take = i === 0 || Number.isNaN(x) || (op === 'cummax' ? x >= row[best] : x <= row[best]);
      if (take) best = i;
      ix.push(best);
      a = row[best];
    }
    v.push(Number(a));
  });
  return [v, ix];
}

function outDtype(op: Op, xd: DType): DType | null {
  if (op === 'cummax' || op === 'cummin') return xd;
  if (op === 'logcumsumexp') return isFloating(xd) ? xd : null;
  return isFloating(xd) ? xd : 'int64';
}

describe('scans', () => {
  it('match a float64 model on random shapes, dims, layouts and dtypes, every path and thread count', () => {
    const r = rng(33);
    for (let trial = 0; trial < 500; trial++) {
      const op = ops[trial % ops.length];
      const xd = dtypes[randInt(r, 0, dtypes.length - 1)];
      const od = outDtype(op, xd);
      if (od === null) continue;
      const sizes = trial % 7 === 0 ? [randInt(r, 2, 40), randInt(r, 1, 3), randInt(r, 4, 70)] : randomShape(r, 4, 6);
      const nd = sizes.length;
      const dim = nd === 0 ? (r() < 0.5 ? 0 : -1) : randInt(r, -nd, nd - 1);
      const vals = Array.from({ length: numel(sizes) }, () => {
        if (isFloating(xd) && r() < 0.04) return [Number.NaN, Infinity, -Infinity][randInt(r, 0, 2)];
        if (op === 'cumprod') return roundTo(xd, isFloating(xd) ? 0.6 + r() * 0.8 : randInt(r, -3, 3));
        if ((op === 'cummax' || op === 'cummin') && r() < 0.3) return 1;
        return roundTo(xd, randomValue(xd, r));
      });
      const layout = layouts[trial % 4];
      const x = makeStrided(xd, sizes, vals, layout);
      const ev = new Array<number>(vals.length).fill(0);
      const ei = new Array<number>(vals.length).fill(0);
      for (const run of runs(sizes, nd === 0 ? 0 : (dim + nd) % nd)) {
        const [v, ix] = model(
          op,
          run.map((k) => vals[k]),
          xd,
        );
        run.forEach((k, j) => {
          ev[k] = v[j];
          ei[k] = ix[j];
        });
      }
      const exp = isFloating(od) ? ev : ev.map((v) => roundTo(od, v));
      for (const path of availableKernelPaths()) {
        for (const threads of [1, 2]) {
          const what = `${op} ${xd} [${sizes}] dim ${dim} ${layout} ${path}/${threads}`;
          const out = makeStrided(od, sizes, new Array(vals.length).fill(0), layouts[(trial >> 2) % 4]);
          if (op === 'cummax' || op === 'cummin') {
            const idx = makeStrided('int64', sizes, new Array(vals.length).fill(0), layouts[(trial >> 3) % 4]);
            withPath(path, () => (op === 'cummax' ? cummax : cummin)(out, idx, x, dim), threads);
            expect(toNumbers(idx), what).toEqual(ei);
            expect(closeTo(toNumbers(out), exp, 0, 0), what).toBeNull();
          } else {
            withPath(path, () => ({ cumsum, cumprod, logcumsumexp })[op](out, x, dim), threads);
            const [rt, at] =
              od === 'float32'
                ? [1e-5, 1e-5]
                : od === 'float64'
                  ? [1e-12, 1e-12]
                  : od === 'float16'
                    ? [2e-3, 1e-3]
                    : [1e-2, 1e-2];
            expect(closeTo(toNumbers(out), exp, rt, at), what).toBeNull();
          }
        }
      }
    }
  });

  it('gives the values PyTorch gives', () => {
    const f = (v: number[]) => makeContiguous('float32', [v.length], v);
    const one = (fn: (o: ReturnType<typeof f>) => void, d: DType, n: number) => {
      const o = makeContiguous(d, [n]);
      fn(o);
      return toNumbers(o);
    };
    const pair = (max: boolean, v: number[]) => {
      const vals = makeContiguous('float32', [v.length]);
      const idx = makeContiguous('int64', [v.length]);
      (max ? cummax : cummin)(vals, idx, f(v), 0);
      return [toNumbers(vals), toNumbers(idx)];
    };
    // torch.cummax(tensor([1., 3, 3, 1, 2]), 0) -> ([1, 3, 3, 3, 3], [0, 1, 2, 2, 2])
    expect(pair(true, [1, 3, 3, 1, 2])).toEqual([
      [1, 3, 3, 3, 3],
      [0, 1, 2, 2, 2],
    ]);
    expect(pair(false, [3, 1, 1, 3, 1])).toEqual([
      [3, 1, 1, 1, 1],
      [0, 1, 2, 2, 4],
    ]);
    expect(pair(true, [1, Number.NaN, 3, Number.NaN, 5])).toEqual([
      [1, Number.NaN, Number.NaN, Number.NaN, Number.NaN],
      [0, 1, 1, 3, 3],
    ]);
    expect(one((o) => cumsum(o, makeContiguous('int32', [3], [1, 2, 3]), 0), 'int64', 3)).toEqual([1, 3, 6]);
    expect(one((o) => cumsum(o, makeContiguous('bool', [2], [1, 1]), 0), 'int64', 2)).toEqual([1, 2]);
    expect(one((o) => cumprod(o, makeContiguous('int8', [3], [100, 100, -3]), 0), 'int64', 3)).toEqual([
      100, 10000, -30000,
    ]);
    const lse = one((o) => logcumsumexp(o, f([1, 2, -Infinity, Infinity, 3]), 0), 'float32', 5);
    expect(closeTo(lse, [1, 2.3132617, 2.3132617, Infinity, Infinity], 1e-6)).toBeNull();
    expect(one((o) => logcumsumexp(o, f([-Infinity, -Infinity, 0]), 0), 'float32', 3)).toEqual([
      -Infinity,
      -Infinity,
      0,
    ]);
    const s = makeContiguous('float32', []);
    cumsum(s, makeContiguous('float32', [], [5]), 0);
    expect(toNumbers(s)).toEqual([5]);
    cumsum(makeContiguous('float32', [2, 0]), makeContiguous('float32', [2, 0]), 1);
  });

  it('rejects bad arguments', () => {
    const x = makeContiguous('float32', [2]);
    expect(() => cumsum(makeContiguous('float32', [2]), x, 2)).toThrow(
      'Dimension out of range (expected to be in range of [-1, 0], but got 2)',
    );
    expect(() => logcumsumexp(makeContiguous('float32', [2]), makeContiguous('int64', [2]), 0)).toThrow(
      `"logcumsumexp_out_cpu" not implemented for 'Long'`,
    );
    expect(() => cummax(makeContiguous('float32', [2]), makeContiguous('int32', [2]), x, 0)).toThrow(/int64/);
    expect(() => cumsum(makeContiguous('float32', [3]), x, 0)).toThrow(/sizes/);
  });
});
