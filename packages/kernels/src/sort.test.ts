import { describe, expect, it } from 'vitest';
import { type DType, dtypes } from './dtype.js';
import { setNumThreads } from './runtime.js';
import { argsort, kthvalue, median, sort, topk } from './sort.js';
import { numel } from './strided.js';
import {
  type Layout,
  makeContiguous,
  makeStrided,
  randInt,
  randomShape,
  randomValue,
  rng,
  roundTo,
  toNumbers,
} from './test-utils.js';

const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];

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

/** Stable order of a row: NaN largest, ties by position. */
function order(row: number[], descending: boolean): number[] {
  const key = (v: number) => (Number.isNaN(v) ? Infinity : v);
  const rank = (v: number) => (Number.isNaN(v) ? 1 : 0);
  return row
    .map((_, i) => i)
    .sort((a, b) => {
      const c = key(row[a]) - key(row[b]) || rank(row[a]) - rank(row[b]);
      const d = Number.isNaN(c) ? 0 : c;
      return (descending ? -d : d) || a - b;
    });
}

function randomRow(xd: DType, n: number, r: () => number): number[] {
  return Array.from({ length: n }, () => {
    if ((xd === 'float32' || xd === 'float64') && r() < 0.1)
      return [Number.NaN, Infinity, -Infinity, -0][randInt(r, 0, 3)];
    if (r() < 0.2) return 1; // ties
    return roundTo(xd, randomValue(xd, r));
  });
}

describe('sort / topk / kthvalue / median', () => {
  it('match a stable model on random shapes, dims, layouts and dtypes, 1 and 2 threads', () => {
    const r = rng(2);
    for (let trial = 0; trial < 400; trial++) {
      setNumThreads(1 + (trial % 2));
      const xd = dtypes[trial % dtypes.length];
      const sizes = trial % 9 === 0 ? [randInt(r, 1, 3), randInt(r, 50, 300)] : randomShape(r, 3, 7);
      const nd = sizes.length;
      const dim = nd === 0 ? (r() < 0.5 ? 0 : -1) : randInt(r, -nd, nd - 1);
      const d = nd === 0 ? 0 : (dim + nd) % nd;
      const n = nd === 0 ? 1 : sizes[d];
      const vals = randomRow(xd, numel(sizes), r);
      const layout = layouts[trial % 4];
      const x = makeStrided(xd, sizes, vals, layout);
      const desc = r() < 0.5;
      const what = `${xd} [${sizes}] dim ${dim} desc ${desc} ${layout}`;
      const rowsOf = runs(sizes, d);
      // sort and argsort
      const v = makeStrided(xd, sizes, new Array(vals.length).fill(0), layouts[(trial >> 2) % 4]);
      const ix = makeStrided('int64', sizes, new Array(vals.length).fill(0), layouts[(trial >> 3) % 4]);
      sort(v, ix, x, dim, desc);
      const ai = makeContiguous('int64', sizes);
      argsort(ai, x, dim, desc);
      const ev = new Array<number>(vals.length).fill(0);
      const ei = new Array<number>(vals.length).fill(0);
      for (const run of rowsOf) {
        const ord = order(
          run.map((k) => vals[k]),
          desc,
        );
        run.forEach((k, j) => {
          ei[k] = ord[j];
          ev[k] = vals[run[ord[j]]];
        });
      }
      expect(toNumbers(ix), what).toEqual(ei);
      expect(toNumbers(ai), what).toEqual(ei);
      expect(toNumbers(v), what).toEqual(ev);
      // topk
      const k = randInt(r, 0, n);
      const ks = nd === 0 ? [] : sizes.map((s, i) => (i === d ? k : s));
      const tv = makeContiguous(xd, ks);
      const ti = makeContiguous('int64', ks);
      topk(tv, ti, x, k, dim, desc);
      const tvE: number[] = new Array(numel(ks)).fill(0);
      const tiE: number[] = new Array(numel(ks)).fill(0);
      const kRuns = runs(ks, d);
      rowsOf.forEach((run, ri) => {
        const ord = order(
          run.map((q) => vals[q]),
          desc,
        );
        (nd === 0 ? [[0]] : kRuns)[ri]?.forEach((q, j) => {
          tiE[q] = ord[j];
          tvE[q] = vals[run[ord[j]]];
        });
      });
      expect(toNumbers(ti), `topk ${k} ${what}`).toEqual(tiE);
      expect(toNumbers(tv), `topk ${k} ${what}`).toEqual(tvE);
      // kthvalue / median (values only: the index of tied values is unspecified in PyTorch)
      if (n > 0) {
        const keep = r() < 0.5;
        const rs = nd === 0 ? [] : sizes.map((s, i) => (i === d ? 1 : s)).filter((_, i) => keep || i !== d);
        const kk = randInt(r, 1, n);
        const mv = makeContiguous(xd, rs);
        const mi = makeContiguous('int64', rs);
        kthvalue(mv, mi, x, kk, dim, keep);
        const kv = rowsOf.map(
          (run) =>
            vals[
              run[
                order(
                  run.map((q) => vals[q]),
                  false,
                )[kk - 1]
              ]
            ],
        );
        expect(toNumbers(mv), `kth ${kk} ${what}`).toEqual(kv);
        toNumbers(mi).forEach((i, ri) => {
          expect(Object.is(vals[rowsOf[ri][i]], kv[ri]) || vals[rowsOf[ri][i]] === kv[ri]).toBe(true);
        });
        median(mv, mi, x, dim, keep);
        const med = rowsOf.map((run) => {
          const row = run.map((q) => vals[q]);
          const nan = row.findIndex(Number.isNaN);
          return nan >= 0 ? Number.NaN : row[order(row, false)[(n - 1) >> 1]];
        });
        expect(toNumbers(mv), `median ${what}`).toEqual(med);
      }
    }
    setNumThreads(2);
  });

  it('gives the values PyTorch gives', () => {
    const x = makeContiguous('float32', [6], [3, Number.NaN, 1, 2, Number.NaN, 0]);
    const v = makeContiguous('float32', [6]);
    const i = makeContiguous('int64', [6]);
    sort(v, i, x);
    expect(toNumbers(v)).toEqual([0, 1, 2, 3, Number.NaN, Number.NaN]);
    expect(toNumbers(i)).toEqual([5, 2, 3, 0, 1, 4]);
    sort(v, i, x, 0, true);
    expect(toNumbers(i)).toEqual([1, 4, 0, 3, 2, 5]);
    const tv = makeContiguous('float32', [2]);
    const ti = makeContiguous('int64', [2]);
    topk(tv, ti, x, 2);
    expect(toNumbers(ti)).toEqual([1, 4]);
    // 0-d: topk(tensor(1.), 0) returns the element
    const z = makeContiguous('float32', []);
    const zi = makeContiguous('int64', []);
    topk(z, zi, makeContiguous('float32', [], [7]), 0);
    expect([toNumbers(z), toNumbers(zi)]).toEqual([[7], [0]]);
    topk(tv, ti, x, 2, 0, false);
    expect([toNumbers(tv), toNumbers(ti)]).toEqual([
      [0, 1],
      [5, 2],
    ]);
    const sv = makeContiguous('float32', []);
    const si = makeContiguous('int64', []);
    kthvalue(sv, si, x, 2);
    expect([toNumbers(sv), toNumbers(si)]).toEqual([[1], [2]]);
    median(sv, si, x);
    expect([toNumbers(sv), toNumbers(si)]).toEqual([[Number.NaN], [1]]);
    median(sv, si, makeContiguous('float32', [4], [3, 1, 2, 4]));
    expect([toNumbers(sv), toNumbers(si)]).toEqual([[2], [2]]);
    const ints = makeContiguous('int64', [5], [2, 1, 2, 1, 2]);
    const iv = makeContiguous('int64', [5]);
    const idx = makeContiguous('int64', [5]);
    sort(iv, idx, ints);
    expect([toNumbers(iv), toNumbers(idx)]).toEqual([
      [1, 1, 2, 2, 2],
      [1, 3, 0, 2, 4],
    ]);
    // in place: values may be x itself
    const inPlace = makeContiguous('float64', [4], [3, 1, 4, 2]);
    const ipi = makeContiguous('int64', [4]);
    sort(inPlace, ipi, inPlace);
    expect([toNumbers(inPlace), toNumbers(ipi)]).toEqual([
      [1, 2, 3, 4],
      [1, 3, 0, 2],
    ]);
    // int64 keys compare exactly beyond 2^53
    const big = makeContiguous('int64', [2]);
    new BigInt64Array(big.data.buffer).set([2n ** 62n + 1n, 2n ** 62n]);
    const bi = makeContiguous('int64', [2]);
    argsort(bi, big);
    expect(toNumbers(bi)).toEqual([1, 0]);
  });

  it('rejects bad k and dims with PyTorch messages', () => {
    const x = makeContiguous('float32', [2, 3]);
    expect(() => topk(makeContiguous('float32', [2, 4]), makeContiguous('int64', [2, 4]), x, 4, 1)).toThrow(
      'selected index k out of range',
    );
    expect(() => topk(makeContiguous('float32', [2, 0]), makeContiguous('int64', [2, 0]), x, -1, 1)).toThrow(
      'selected index k out of range',
    );
    expect(() =>
      topk(makeContiguous('float32', []), makeContiguous('int64', []), makeContiguous('float32', [], [1]), 2),
    ).toThrow('selected index k out of range');
    expect(() => kthvalue(makeContiguous('float32', [2]), makeContiguous('int64', [2]), x, 4, 1)).toThrow(
      'kthvalue(): selected number k out of range for dimension 1',
    );
    expect(() => kthvalue(makeContiguous('float32', [2]), makeContiguous('int64', [2]), x, 0, 1)).toThrow(
      'kthvalue(): selected number k out of range for dimension 1',
    );
    expect(() =>
      median(makeContiguous('float32', [2]), makeContiguous('int64', [2]), makeContiguous('float32', [2, 0]), 1),
    ).toThrow('median(): Expected reduction dim 1 to have non-zero size.');
    expect(() => sort(makeContiguous('float32', [2, 3]), makeContiguous('int64', [2, 3]), x, 2)).toThrow(
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    );
    expect(() => sort(makeContiguous('float64', [2, 3]), makeContiguous('int64', [2, 3]), x)).toThrow(/dtype/);
  });
});
