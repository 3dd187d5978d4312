import { describe, expect, it } from 'vitest';
import { type DType, dtypes } from './dtype.js';
import {
  cat,
  embedding,
  embeddingBag,
  flip,
  gather,
  indexAdd,
  indexCopy,
  indexFill,
  indexGet,
  indexPut,
  indexSelect,
  maskedFill,
  maskedScatter,
  maskedSelect,
  maskedSelectCount,
  nonzero,
  nonzeroCount,
  oneHot,
  repeatInterleave,
  repeatInterleaveSize,
  roll,
  scatter,
  scatterAdd,
  stack,
  take,
  tril,
  triu,
} from './indexing.js';
import { KernelError } from './kernel-error.js';
import { availableKernelPaths } from './runtime.js';
import { broadcastShapes, numel, type Strided } from './strided.js';
import {
  closeTo,
  type Layout,
  makeContiguous,
  makeStrided,
  randInt,
  randomShape,
  randomValue,
  rng,
  toNumbers,
  withPath,
} from './test-utils.js';

const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];
const f32 = (sizes: number[], values: number[]) => makeContiguous('float32', sizes, values);
const i64 = (sizes: number[], values: number[]) => makeContiguous('int64', sizes, values);
const arange = (sizes: number[]) =>
  f32(
    sizes,
    Array.from({ length: numel(sizes) }, (_, i) => i),
  );
const zeros = (dtype: DType, sizes: number[]) => makeContiguous(dtype, sizes);

/** Runs make() (which builds fresh outputs and calls the kernel) on every path with 2 threads; all must agree. */
function agree(make: () => number[], label: string): number[] {
  const results = availableKernelPaths().map((p) => withPath(p, make, 2));
  for (let i = 1; i < results.length; i++)
    expect(results[i], `${label} (${availableKernelPaths()[i]})`).toEqual(results[0]);
  return results[0];
}

function randomTensor(dtype: DType, sizes: number[], r: () => number, layout?: Layout): Strided {
  const vals = Array.from({ length: numel(sizes) }, () => randomValue(dtype, r));
  return makeStrided(dtype, sizes, vals, layout ?? layouts[randInt(r, 0, 3)]);
}

function randomIndex(
  sizes: number[],
  bound: number,
  r: () => number,
  negatives = false,
  dtype: DType = 'int64',
): Strided {
  const vals = Array.from({ length: numel(sizes) }, () => {
    const v = randInt(r, 0, Math.max(bound - 1, 0));
    return negatives && r() < 0.3 ? v - bound : v;
  });
  return makeStrided(dtype, sizes, vals, layouts[randInt(r, 0, 3)]);
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function expectIndexError(fn: () => void, message: string | RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(KernelError.isInstance(err), String(err)).toBe(true);
  expect((err as KernelError).code).toBe('ERR_TSJIT_INDEX_OUT_OF_RANGE');
  expect((err as KernelError).message).toMatch(message);
}

describe('known values (PyTorch 1.13)', () => {
  const x = arange([3, 4]);

  it('gather, scatter, scatter_add, scatter multiply', () => {
    const out = zeros('float32', [3, 2]);
    gather(out, x, 1, i64([3, 2], [0, 0, 3, 1, 2, 2]));
    expect(toNumbers(out)).toEqual([0, 0, 7, 5, 10, 10]);
    const s = zeros('float32', [3, 4]);
    scatter(s, 0, i64([1, 4], [1, 2, 0, 1]), f32([1, 4], [1, 2, 3, 4]));
    expect(toNumbers(s)).toEqual([0, 0, 3, 0, 1, 0, 0, 4, 0, 2, 0, 0]);
    const a = f32([2, 3], [1, 1, 1, 1, 1, 1]);
    scatterAdd(a, 1, i64([2, 3], [0, 0, 2, 1, 1, 1]), f32([2, 3], [1, 2, 3, 4, 5, 6]));
    expect(toNumbers(a)).toEqual([4, 1, 4, 1, 16, 1]);
    const m = f32([2, 3], [2, 2, 2, 2, 2, 2]);
    scatter(m, 1, i64([2, 2], [0, 0, 2, 2]), f32([2, 2], [3, 4, 5, 6]), 'multiply');
    expect(toNumbers(m)).toEqual([24, 2, 2, 2, 2, 60]);
    // integer accumulation wraps like PyTorch (torch.int32: 100000 * 100000 -> 1410065408; int8: 127 + 1 -> -128)
    const w = makeContiguous('int32', [1], [100000]);
    scatter(w, 0, i64([1], [0]), makeContiguous('int32', [1], [100000]), 'multiply');
    expect(toNumbers(w)).toEqual([1410065408]);
    const b = makeContiguous('int8', [1], [127]);
    indexAdd(b, 0, i64([1], [0]), makeContiguous('int8', [1], [1]));
    expect(toNumbers(b)).toEqual([-128]);
    const v = zeros('int32', [2, 2]);
    scatter(v, -1, i64([2, 1], [1, 0]), 7);
    expect(toNumbers(v)).toEqual([0, 7, 7, 0]);
  });

  it('index_select, index_add (alpha), index_fill (negative wraps), index_copy', () => {
    const out = zeros('float32', [3, 3]);
    indexSelect(out, x, 1, i64([3], [3, 0, 3]));
    expect(toNumbers(out)).toEqual([3, 0, 3, 7, 4, 7, 11, 8, 11]);
    const out32 = zeros('float32', [3, 3]);
    indexSelect(out32, x, 1, makeContiguous('int32', [3], [3, 0, 3]));
    expect(toNumbers(out32)).toEqual([3, 0, 3, 7, 4, 7, 11, 8, 11]);
    const a = zeros('float32', [3, 4]);
    indexAdd(a, 0, i64([3], [0, 2, 0]), arange([3, 4]), 2);
    expect(toNumbers(a)).toEqual([16, 20, 24, 28, 0, 0, 0, 0, 8, 10, 12, 14]);
    const f = arange([3, 4]);
    indexFill(f, 1, i64([2], [-1, 0]), -5);
    expect(toNumbers(f)).toEqual([-5, 1, 2, -5, -5, 5, 6, -5, -5, 9, 10, -5]);
    const c = arange([3, 4]);
    indexCopy(c, 0, i64([2], [2, 0]), f32([2, 4], [1, 2, 3, 4, 5, 6, 7, 8]));
    expect(toNumbers(c)).toEqual([5, 6, 7, 8, 4, 5, 6, 7, 1, 2, 3, 4]);
  });

  it('index_put (accumulate, broadcast indices, subset of dims) and index get', () => {
    const s = zeros('float32', [3, 4]);
    indexPut(s, [i64([3], [0, 2, 0]), i64([3], [1, -1, 1])], f32([3], [1, 2, 3]), true);
    expect(toNumbers(s)).toEqual([0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    const rows = zeros('float32', [3, 4]);
    indexPut(rows, [i64([2, 1], [0, 2])], f32([4], [7, 8, 9, 10]));
    expect(toNumbers(rows)).toEqual([7, 8, 9, 10, 0, 0, 0, 0, 7, 8, 9, 10]);
    const g = zeros('float32', [1, 2]);
    indexGet(g, x, [i64([1, 2], [0, -1]), i64([2], [1, 2])]);
    expect(toNumbers(g)).toEqual([1, 10]);
    const g2 = zeros('float32', [2, 4]);
    indexGet(g2, x, [i64([2], [2, 0])]);
    expect(toNumbers(g2)).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
  });

  it('masked_fill, masked_select, masked_scatter, nonzero', () => {
    const f = arange([3, 4]);
    maskedFill(f, makeContiguous('bool', [4], [1, 0, 1, 0]), -1);
    expect(toNumbers(f)).toEqual([-1, 1, -1, 3, -1, 5, -1, 7, -1, 9, -1, 11]);
    const mask = makeContiguous('bool', [3, 1], [1, 0, 1]);
    expect(maskedSelectCount(x, mask)).toBe(8);
    const sel = zeros('float32', [8]);
    maskedSelect(sel, x, mask);
    expect(toNumbers(sel)).toEqual([0, 1, 2, 3, 8, 9, 10, 11]);
    const sc = arange([3, 4]);
    maskedScatter(sc, makeContiguous('bool', [4], [0, 1, 1, 0]), f32([7], [100, 101, 102, 103, 104, 105, 106]));
    expect(toNumbers(sc)).toEqual([0, 100, 101, 3, 4, 102, 103, 7, 8, 104, 105, 11]);
    const t = i64([2, 3], [0, 1, 0, 2, 0, 3]);
    expect(nonzeroCount(t)).toBe(3);
    const nz = zeros('int64', [3, 2]);
    nonzero(nz, t);
    expect(toNumbers(nz)).toEqual([0, 1, 1, 0, 1, 2]);
  });

  it('cat, stack', () => {
    const xs = [
      { ...x, sizes: [3, 1] },
      f32([3, 2], [10, 20, 50, 60, 90, 100]),
      makeStrided('float32', [3, 1], [300, 700, 1100], 'stepped'),
    ];
    const out = zeros('float32', [3, 4]);
    cat(out, xs, 1);
    expect(toNumbers(out)).toEqual([0, 10, 20, 300, 4, 50, 60, 700, 8, 90, 100, 1100]);
    const st = zeros('float32', [2, 2]);
    stack(st, [f32([2], [1, 2]), f32([2], [3, 4])], 1);
    expect(toNumbers(st)).toEqual([1, 3, 2, 4]);
    const st0 = zeros('float32', [2, 2]);
    stack(st0, [f32([2], [1, 2]), f32([2], [3, 4])], 0);
    expect(toNumbers(st0)).toEqual([1, 2, 3, 4]);
  });

  it('embedding and embedding_bag (sum, mean, max, per-sample weights, padding_idx, include_last_offset)', () => {
    const w = arange([5, 2]);
    const e = zeros('float32', [2, 2, 2]);
    embedding(e, w, i64([2, 2], [4, 0, 2, 2]));
    expect(toNumbers(e)).toEqual([8, 9, 0, 1, 4, 5, 4, 5]);
    const idx = i64([6], [1, 2, 4, 4, 3, 0]);
    const offs = i64([4], [0, 2, 2, 5]);
    const bag = (opts: Parameters<typeof embeddingBag>[4], b = 4) => {
      const out = zeros('float32', [b, 2]);
      embeddingBag(out, w, idx, offs, opts);
      return toNumbers(out);
    };
    expect(bag({ mode: 'sum' })).toEqual([6, 8, 0, 0, 22, 25, 0, 1]);
    const mean = bag({ mode: 'mean' });
    expect(mean.map((v) => Math.round(v * 1e5) / 1e5)).toEqual([3, 4, 0, 0, 7.33333, 8.33333, 0, 1]);
    expect(bag({ mode: 'max' })).toEqual([4, 5, 0, 0, 8, 9, 0, 1]);
    expect(bag({ mode: 'sum', perSampleWeights: f32([6], [1, 2, 3, 4, 5, 6]) })).toEqual([10, 13, 0, 0, 86, 98, 0, 6]);
    expect(bag({ mode: 'mean', paddingIdx: 4 })).toEqual([3, 4, 0, 0, 6, 7, 0, 1]);
    expect(bag({ mode: 'sum', includeLastOffset: true }, 3)).toEqual([6, 8, 0, 0, 22, 25]);
    const fixed = zeros('float32', [2, 2]);
    embeddingBag(fixed, w, i64([2, 2], [0, 1, 2, 3]), null, { mode: 'sum' });
    expect(toNumbers(fixed)).toEqual([2, 4, 10, 12]);
  });

  it('one_hot, take (negative wraps), flip, roll, tril, triu', () => {
    const oh = zeros('int64', [3, 4]);
    oneHot(oh, i64([3], [2, 0, 1]));
    expect(toNumbers(oh)).toEqual([0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
    const tk = zeros('float32', [2, 2]);
    take(tk, makeStrided('float32', [3, 4], toNumbers(x), 'transposed'), i64([2, 2], [0, -1, 5, 11]));
    expect(toNumbers(tk)).toEqual([0, 11, 5, 11]);
    const fl = zeros('float32', [3, 4]);
    flip(fl, x, [0, -1]);
    expect(toNumbers(fl)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const ro = zeros('float32', [3, 4]);
    roll(ro, x, [1, -1], [0, 1]);
    expect(toNumbers(ro)).toEqual([9, 10, 11, 8, 1, 2, 3, 0, 5, 6, 7, 4]);
    const rf = zeros('float32', [3, 4]);
    roll(rf, x, 5);
    expect(toNumbers(rf)).toEqual([7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6]);
    const tl = zeros('float32', [3, 4]);
    tril(tl, x, -1);
    expect(toNumbers(tl)).toEqual([0, 0, 0, 0, 4, 0, 0, 0, 8, 9, 0, 0]);
    const tu = zeros('float32', [3, 4]);
    triu(tu, x, 1);
    expect(toNumbers(tu)).toEqual([0, 1, 2, 3, 0, 0, 6, 7, 0, 0, 0, 11]);
    // diagonals past the matrix (regression: the contiguous fast path once wrote before the row)
    for (const [fn, diag] of [
      [tril, -5],
      [triu, 10],
      [tril, 7],
      [triu, -9],
    ] as const) {
      const o = makeContiguous('float32', [3, 4], new Array(12).fill(-1));
      fn(o, x, diag);
      expect(toNumbers(o)).toEqual(diag < 0 === (fn === tril) ? new Array(12).fill(0) : toNumbers(x));
    }
    const inPlace = arange([3, 4]);
    tril(inPlace, inPlace);
    expect(toNumbers(inPlace)).toEqual([0, 0, 0, 0, 4, 5, 0, 0, 8, 9, 10, 0]);
  });
});

describe('repeat_interleave', () => {
  it('matches PyTorch', () => {
    const x = makeStrided('int32', [2, 2], [1, 2, 3, 4], 'transposed');
    // torch.repeat_interleave(x, 2)
    expect(repeatInterleaveSize(4, 2)).toBe(8);
    const a = zeros('int32', [8]);
    repeatInterleave(a, x, 2);
    expect(toNumbers(a)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    // torch.repeat_interleave(x, torch.tensor([1, 2]), dim=0)
    const reps = i64([2], [1, 2]);
    expect(repeatInterleaveSize(2, reps)).toBe(3);
    const b = zeros('int32', [3, 2]);
    repeatInterleave(b, x, reps, 0);
    expect(toNumbers(b)).toEqual([1, 2, 3, 4, 3, 4]);
    // torch.repeat_interleave(x, torch.tensor([0, 3]), dim=1)
    const c = zeros('int32', [2, 3]);
    repeatInterleave(c, x, makeContiguous('int32', [2], [0, 3]), -1);
    expect(toNumbers(c)).toEqual([2, 2, 2, 4, 4, 4]);
    expect(() => repeatInterleave(zeros('int32', [1]), x, i64([2], [-1, 2]), 0)).toThrow(/repeats can not be negative/);
    expect(() => repeatInterleave(zeros('int32', [1]), x, i64([3], [1, 1, 1]), 0)).toThrow(/same size as input/);
  });
});

describe('out-of-range indices are KernelErrors and the process lives', () => {
  const x = arange([2, 3]);
  it('gather/scatter/index_select/index_add/index_copy/embedding reject negatives and too-large indices', () => {
    for (const path of availableKernelPaths()) {
      withPath(
        path,
        () => {
          expectIndexError(
            () => gather(zeros('float32', [1, 1]), x, 1, i64([1, 1], [5])),
            'index 5 is out of bounds for dimension 1 with size 3',
          );
          expectIndexError(
            () => gather(zeros('float32', [1, 1]), x, 1, i64([1, 1], [-1])),
            'index -1 is out of bounds for dimension 1 with size 3',
          );
          expectIndexError(
            () => scatter(arange([2, 3]), 0, i64([1, 1], [2]), 1),
            'index 2 is out of bounds for dimension 0 with size 2',
          );
          expectIndexError(
            () => scatterAdd(arange([2, 3]), 1, i64([1, 2], [0, -3]), arange([1, 2])),
            'index -3 is out of bounds for dimension 1 with size 3',
          );
          expectIndexError(
            () => indexSelect(zeros('float32', [2, 1]), x, 1, i64([1], [-1])),
            'index -1 is out of bounds for dimension 1 with size 3',
          );
          expectIndexError(
            () => indexAdd(arange([2, 3]), 0, i64([1], [7]), arange([1, 3])),
            'index 7 is out of bounds for dimension 0 with size 2',
          );
          expectIndexError(() => indexCopy(arange([2, 3]), 0, i64([1], [-1]), arange([1, 3])), 'index -1');
          expectIndexError(
            () => embedding(zeros('float32', [1, 3]), x, i64([1], [2])),
            'index 2 is out of bounds for dimension 0 with size 2',
          );
        },
        2,
      );
    }
  });

  it('wrapping ops accept [-size, size) and reject the rest', () => {
    expectIndexError(
      () => indexFill(arange([2, 3]), 1, i64([1], [-4]), 0),
      'index -4 is out of bounds for dimension 1 with size 3',
    );
    expectIndexError(
      () => indexPut(arange([2, 3]), [i64([1], [0]), i64([1], [3])], f32([1], [1])),
      'index 3 is out of bounds for dimension 1 with size 3',
    );
    expectIndexError(
      () => indexGet(zeros('float32', [1, 3]), x, [i64([1], [-3])]),
      'index -3 is out of bounds for dimension 0 with size 2',
    );
    expectIndexError(
      () => take(zeros('float32', [1]), x, i64([1], [6])),
      'index 6 is out of bounds for dimension 0 with size 6',
    );
    expectIndexError(() => oneHot(zeros('int64', [1, 3]), i64([1], [-1])), 'index -1');
    expectIndexError(() => oneHot(zeros('int64', [1, 3]), i64([1], [3])), 'index 3');
    expectIndexError(
      () => embeddingBag(zeros('float32', [1, 3]), x, i64([2], [0, 9]), i64([1], [0]), { mode: 'sum' }),
      'index 9 is out of bounds',
    );
    expectIndexError(
      () => embeddingBag(zeros('float32', [2, 3]), x, i64([2], [0, 1]), i64([2], [0, 5]), { mode: 'sum' }),
      'index 5',
    );
    // an error in a large multi-threaded call
    const big = zeros('float32', [64, 4096]);
    const idx = i64([64, 4096], new Array(64 * 4096).fill(1));
    writeLast(idx, 99);
    for (const path of availableKernelPaths()) {
      withPath(
        path,
        () =>
          expectIndexError(
            () => gather(big, arange([64, 4096]), 0, idx),
            'index 99 is out of bounds for dimension 0 with size 64',
          ),
        2,
      );
    }
    // and the addon still works
    const out = zeros('float32', [1, 1]);
    gather(out, x, 1, i64([1, 1], [2]));
    expect(toNumbers(out)).toEqual([2]);
  });

  it('rejects malformed calls before C++ sees them', () => {
    expect(() => gather(zeros('float32', [1, 1]), x, 2, i64([1, 1], [0]))).toThrow(/Dimension out of range/);
    expect(() => gather(zeros('float32', [1, 1]), x, 0, makeContiguous('int32', [1, 1], [0]))).toThrow(
      /scalar type Long/,
    );
    expect(() => gather(zeros('float32', [1, 4]), x, 0, i64([1, 4], [0, 0, 0, 0]))).toThrow(/Size does not match/);
    expect(() => scatter(arange([2, 3]), 0, i64([1, 1], [0]), zeros('float64', [1, 1]))).toThrow(/dtype/);
    expect(() => indexSelect(zeros('float32', [2, 2]), x, 1, i64([1], [0]))).toThrow(/expected \[2, 1\]/);
    expect(() => maskedFill(arange([2, 3]), zeros('float32', [3]), 1)).toThrow(/BoolTensor/);
    expect(() => maskedScatter(arange([2, 3]), makeContiguous('bool', [3], [1, 1, 1]), f32([2], [1, 2]))).toThrow(
      /Number of elements of source/,
    );
    expect(() => cat(zeros('float32', [2, 4]), [x, f32([2], [1, 2])], 1)).toThrow(/same number of dimensions/);
    expect(() => cat(zeros('float32', [3, 3]), [x, f32([1, 2], [1, 2])], 0)).toThrow(/Sizes of tensors must match/);
    expect(() => flip(zeros('float32', [2, 3]), x, [0, 0])).toThrow(/multiple times/);
    expect(() => tril(zeros('float32', [3]), f32([3], [1, 2, 3]))).toThrow(/at least 2 dimensions/);
    expect(() =>
      embeddingBag(zeros('float32', [1, 3]), x, i64([1], [0]), i64([1], [0]), {
        mode: 'max',
        perSampleWeights: f32([1], [1]),
      }),
    ).toThrow(/only supported for mode='sum'/);
    expect(() => gather(zeros('float32', [1, 1]), { ...x, strides: [9, 1] }, 1, i64([1, 1], [0]))).toThrow(
      /reaches byte/,
    );
  });
});

function writeLast(t: Strided, v: number): void {
  const dv = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  dv.setBigInt64((numel(t.sizes) - 1) * 8, BigInt(v), true);
}

// ---------------------------------------------------------------------------------------------
// fast paths vs the reference on random shapes, layouts and dtypes

describe('fast paths agree with the reference', () => {
  it('gather and scatter (store/add/multiply, tensor or scalar src)', () => {
    const r = rng(11);
    for (let trial = 0; trial < 120; trial++) {
      const shape = randomShape(r, 4, 6);
      const dtype = pick(r, dtypes);
      const x = randomTensor(dtype, shape, r);
      const nd = Math.max(shape.length, 1);
      const dim = randInt(r, -nd, nd - 1);
      const d = dim < 0 ? dim + nd : dim;
      const xs = shape.length === 0 ? [1] : shape;
      const isz = xs.map((s, i) => (i === d ? randInt(r, 0, 6) : randInt(r, 0, s)));
      const idxShape = shape.length === 0 ? (isz[0] === 0 ? [] : []) : isz;
      const index = randomIndex(idxShape, xs[d], r);
      agree(() => {
        const out = makeStrided(dtype, index.sizes, new Array(numel(index.sizes)).fill(0), pick(r, layouts));
        if (xs[d] === 0 && numel(index.sizes) > 0) return [];
        gather(out, x, dim, index);
        // check against a JS gather
        const xv = toNumbers(x);
        const iv = toNumbers(index);
        const ov = toNumbers(out);
        const is = index.sizes.length === 0 ? [1] : index.sizes;
        const cs = contiguousStridesOf(xs);
        for (let p = 0; p < ov.length; p++) {
          const coord = unravel(p, is);
          coord[d] = iv[p];
          expect(ov[p]).toBe(xv[coord.reduce((a, c, k) => a + c * cs[k], 0)]);
        }
        return ov;
      }, `gather trial ${trial}`);
      const reduce = pick(r, [undefined, 'add', 'multiply'] as const);
      const useScalar = r() < 0.3;
      const srcShape = index.sizes.map((s) => s + randInt(r, 0, 1));
      const src = randomTensor(dtype, srcShape, r);
      const scalar = randomValue(dtype, r);
      const selfVals = toNumbers(x);
      agree(() => {
        const self = makeStrided(dtype, shape, selfVals, layouts[trial % 4]);
        if (xs[d] === 0 && numel(index.sizes) > 0) return [];
        scatter(self, dim, index, useScalar ? scalar : src, reduce);
        return toNumbers(self);
      }, `scatter trial ${trial}`);
    }
  });

  it('index_select, index_add, index_copy, index_fill, embedding', () => {
    const r = rng(12);
    for (let trial = 0; trial < 120; trial++) {
      const shape = randomShape(r, 4, 6).map((s) => s);
      const dtype = pick(r, dtypes);
      const x = randomTensor(dtype, shape, r);
      const nd = Math.max(shape.length, 1);
      const d = randInt(r, 0, nd - 1);
      const xs = shape.length === 0 ? [1] : shape;
      const n = randInt(r, 0, 8);
      if (xs[d] === 0 && n > 0) continue;
      const index = randomIndex([n], xs[d], r, false, pick(r, ['int64', 'int32'] as const));
      const outShape = shape.length === 0 ? [n] : shape.map((s, i) => (i === d ? n : s));
      if (shape.length === 0) continue;
      agree(() => {
        const out = makeStrided(dtype, outShape, new Array(numel(outShape)).fill(0), pick(r, layouts));
        indexSelect(out, x, d, index);
        return toNumbers(out);
      }, `index_select ${trial}`);
      const source = randomTensor(dtype, outShape, r);
      const alpha = dtype === 'bool' ? 1 : randInt(r, -2, 2);
      const selfVals = toNumbers(x);
      agree(() => {
        const self = makeStrided(dtype, shape, selfVals, layouts[trial % 4]);
        indexAdd(self, d, index, source, alpha);
        return toNumbers(self);
      }, `index_add ${trial}`);
      agree(() => {
        const self = makeStrided(dtype, shape, selfVals, layouts[trial % 4]);
        indexCopy(self, d, index, source);
        return toNumbers(self);
      }, `index_copy ${trial}`);
      const fillIndex = randomIndex([n], xs[d], r, true);
      agree(() => {
        const self = makeStrided(dtype, shape, selfVals, layouts[trial % 4]);
        indexFill(self, d, fillIndex, 3);
        return toNumbers(self);
      }, `index_fill ${trial}`);
      if (shape.length === 2) {
        const ids = randomIndex(randomShape(r, 3, 5), shape[0], r);
        if (shape[0] === 0 && numel(ids.sizes) > 0) continue;
        agree(() => {
          const out = makeStrided(
            dtype,
            [...ids.sizes, shape[1]],
            new Array(numel(ids.sizes) * shape[1]).fill(0),
            pick(r, layouts),
          );
          embedding(out, x, ids);
          return toNumbers(out);
        }, `embedding ${trial}`);
      }
    }
  });

  it('index get / put (accumulate) with broadcast index tensors on leading dims, and take', () => {
    const r = rng(13);
    for (let trial = 0; trial < 120; trial++) {
      const shape = randomShape(r, 4, 5);
      if (shape.length === 0) continue;
      const dtype = pick(r, dtypes);
      const x = randomTensor(dtype, shape, r);
      const k = randInt(r, 1, shape.length);
      if (shape.slice(0, k).some((s) => s === 0)) continue;
      const S = randomShape(r, 2, 4);
      const indices = shape.slice(0, k).map((bound) => {
        const sz = S.slice(randInt(r, 0, S.length)).map((s) => (r() < 0.3 ? 1 : s));
        return randomIndex(sz, bound, r, true, pick(r, ['int64', 'int32'] as const));
      });
      const outShape = [...broadcastShapes('test', ...indices.map((t) => t.sizes)), ...shape.slice(k)];
      agree(() => {
        const out = makeStrided(dtype, outShape, new Array(numel(outShape)).fill(0), pick(r, layouts));
        indexGet(out, x, indices);
        return toNumbers(out);
      }, `index get ${trial}`);
      const valShape = outShape.slice(randInt(r, 0, outShape.length));
      const values = randomTensor(dtype, valShape, r);
      const acc = r() < 0.5;
      const selfVals = toNumbers(x);
      agree(() => {
        const self = makeStrided(dtype, shape, selfVals, layouts[trial % 4]);
        indexPut(self, indices, values, acc);
        return toNumbers(self);
      }, `index put ${trial}`);
      const n = numel(shape);
      if (n > 0) {
        const ti = randomIndex(randomShape(r, 3, 4), n, r, true);
        agree(() => {
          const out = makeStrided(dtype, ti.sizes, new Array(numel(ti.sizes)).fill(0), pick(r, layouts));
          take(out, x, ti);
          return toNumbers(out);
        }, `take ${trial}`);
      }
    }
  });

  it('masked fill/select/scatter and nonzero (broadcast masks)', () => {
    const r = rng(14);
    for (let trial = 0; trial < 120; trial++) {
      const shape = randomShape(r, 4, 6);
      const dtype = pick(r, dtypes);
      const x = randomTensor(dtype, shape, r);
      const mshape = shape.slice(randInt(r, 0, shape.length)).map((s) => (r() < 0.3 ? 1 : s));
      const mask = randomTensor('bool', mshape, r);
      const selfVals = toNumbers(x);
      agree(() => {
        const self = makeStrided(dtype, shape, selfVals, layouts[trial % 4]);
        maskedFill(self, mask, -2);
        return toNumbers(self);
      }, `masked_fill ${trial}`);
      const n = maskedSelectCount(x, mask);
      agree(() => {
        const out = makeStrided(dtype, [n], new Array(n).fill(0), pick(r, layouts));
        maskedSelect(out, x, mask);
        return toNumbers(out);
      }, `masked_select ${trial}`);
      const cnt = nonzeroCount(mask, shape);
      const source = randomTensor(dtype, [cnt + randInt(r, 0, 2)], r);
      agree(() => {
        const self = makeStrided(dtype, shape, selfVals, layouts[trial % 4]);
        maskedScatter(self, mask, source);
        return toNumbers(self);
      }, `masked_scatter ${trial}`);
      const nzc = nonzeroCount(x);
      const vals = toNumbers(x);
      expect(nzc).toBe(vals.filter((v) => v !== 0).length);
      const rows = agree(() => {
        const out = makeStrided('int64', [nzc, shape.length], new Array(nzc * shape.length).fill(0), pick(r, layouts));
        nonzero(out, x);
        return toNumbers(out);
      }, `nonzero ${trial}`);
      // rows are the coordinates of the non-zero values, in order
      const cs = contiguousStridesOf(shape);
      const flatIdx: number[] = [];
      for (let i = 0; i < nzc; i++) flatIdx.push(shape.reduce((a, _, d) => a + rows[i * shape.length + d] * cs[d], 0));
      if (shape.length > 0) expect(flatIdx).toEqual(vals.map((v, i) => (v !== 0 ? i : -1)).filter((i) => i >= 0));
    }
  });

  it('cat/stack, flip, roll, tril/triu on any layouts', () => {
    const r = rng(15);
    for (let trial = 0; trial < 120; trial++) {
      const shape = randomShape(r, 4, 6);
      if (shape.length === 0) continue;
      const dtype = pick(r, dtypes);
      const d = randInt(r, 0, shape.length - 1);
      const parts = Array.from({ length: randInt(r, 1, 4) }, () => {
        const s = [...shape];
        s[d] = randInt(r, 0, 4);
        return randomTensor(dtype, s, r, r() < 0.5 ? 'contiguous' : undefined);
      });
      const total = parts.reduce((a, t) => a + t.sizes[d], 0);
      const outShape = shape.map((s, i) => (i === d ? total : s));
      const expected = agree(() => {
        const out = makeStrided(
          dtype,
          outShape,
          new Array(numel(outShape)).fill(0),
          pick(r, ['contiguous', 'contiguous', 'transposed', 'offset'] as const),
        );
        cat(out, parts, d);
        return toNumbers(out);
      }, `cat ${trial}`);
      // JS check: slices along d
      const cs = contiguousStridesOf(outShape);
      let at = 0;
      for (const p of parts) {
        const pv = toNumbers(p);
        for (let i = 0; i < pv.length; i++) {
          const c = unravel(i, p.sizes);
          c[d] += at;
          expect(expected[c.reduce((a, v, k) => a + v * cs[k], 0)]).toBe(pv[i]);
        }
        at += p.sizes[d];
      }
      const same = Array.from({ length: 3 }, () => randomTensor(dtype, shape, r));
      const sd = randInt(r, 0, shape.length);
      agree(() => {
        const sshape = [...shape.slice(0, sd), 3, ...shape.slice(sd)];
        const out = makeStrided(dtype, sshape, new Array(numel(sshape)).fill(0), pick(r, layouts));
        stack(out, same, sd);
        return toNumbers(out);
      }, `stack ${trial}`);
      const x = same[0];
      const dims = shape.map((_, i) => i).filter(() => r() < 0.5);
      agree(() => {
        const out = makeStrided(dtype, shape, new Array(numel(shape)).fill(0), pick(r, layouts));
        flip(out, x, dims);
        return toNumbers(out);
      }, `flip ${trial}`);
      const shifts = dims.length ? dims.map(() => randInt(r, -9, 9)) : [randInt(r, -9, 9)];
      agree(() => {
        const out = makeStrided(dtype, shape, new Array(numel(shape)).fill(0), pick(r, layouts));
        roll(out, x, shifts, dims);
        return toNumbers(out);
      }, `roll ${trial}`);
      if (shape.length >= 2) {
        const diag = randInt(r, -4, 4);
        for (const fn of [tril, triu]) {
          const res = agree(() => {
            const out = makeStrided(dtype, shape, new Array(numel(shape)).fill(0), pick(r, layouts));
            fn(out, x, diag);
            return toNumbers(out);
          }, `${fn.name} ${trial}`);
          const xv = toNumbers(x);
          res.forEach((v, i) => {
            const c = unravel(i, shape);
            const [ri, cj] = c.slice(-2);
            const keep = fn === tril ? cj - ri <= diag : cj - ri >= diag;
            expect(v).toBe(keep ? xv[i] : 0);
          });
        }
      }
    }
  });

  it('embedding_bag in every mode and float dtype', () => {
    const r = rng(16);
    for (let trial = 0; trial < 60; trial++) {
      const dtype = pick(r, ['float32', 'float64', 'float16', 'bfloat16'] as const);
      const V = randInt(r, 1, 8);
      const D = randInt(r, 0, 5);
      const w = randomTensor(dtype, [V, D], r);
      const n = randInt(r, 0, 12);
      const idx = randomIndex([n], V, r, false, pick(r, ['int64', 'int32'] as const));
      const B = randInt(r, 1, 5);
      const cuts = Array.from({ length: B }, () => randInt(r, 0, n)).sort((a, b) => a - b);
      cuts[0] = 0;
      const offs = makeContiguous('int64', [B], cuts);
      const mode = pick(r, ['sum', 'mean', 'max'] as const);
      const psw = mode === 'sum' && r() < 0.5 ? randomTensor(dtype, [n], r) : null;
      const paddingIdx = r() < 0.3 ? randInt(r, -V, V - 1) : null;
      // FMA contraction in the vector builds may change the last bit of weighted sums
      const results = availableKernelPaths().map((p) =>
        withPath(
          p,
          () => {
            const out = makeStrided(dtype, [B, D], new Array(B * D).fill(0), pick(r, layouts));
            embeddingBag(out, w, idx, offs, { mode, perSampleWeights: psw, paddingIdx });
            return toNumbers(out);
          },
          2,
        ),
      );
      const tol = dtype === 'float64' ? 1e-12 : dtype === 'float32' ? 1e-5 : 1e-2;
      for (const res of results.slice(1))
        expect(closeTo(res, results[0], tol, tol), `embedding_bag ${trial}`).toBeNull();
    }
  });

  it('large tensors take the threaded paths and still match', () => {
    const r = rng(17);
    const x = randomTensor('float32', [300, 257], r, 'contiguous');
    const index = randomIndex([300, 257], 300, r);
    agree(() => {
      const out = zeros('float32', [300, 257]);
      gather(out, x, 0, index);
      return toNumbers(out);
    }, 'big gather');
    agree(() => {
      const self = zeros('float32', [300, 257]);
      scatterAdd(self, 0, index, x);
      return toNumbers(self);
    }, 'big scatter_add');
    const rows = randomIndex([4000], 300, r);
    agree(() => {
      const self = zeros('float64', [300, 257]);
      indexPut(
        self,
        [rows],
        makeContiguous(
          'float64',
          [257],
          Array.from({ length: 257 }, (_, i) => i * 0.1),
        ),
        true,
      );
      return toNumbers(self);
    }, 'big index_put accumulate');
    agree(() => {
      const out = zeros('float32', [4000, 257]);
      embedding(out, x, rows);
      return toNumbers(out);
    }, 'big embedding');
    const mask = randomTensor('bool', [300, 257], r, 'transposed');
    const n = maskedSelectCount(x, mask);
    agree(() => {
      const out = zeros('float32', [n]);
      maskedSelect(out, x, mask);
      return toNumbers(out);
    }, 'big masked_select');
    agree(() => {
      const out = zeros('int64', [nonzeroCount(mask), 2]);
      nonzero(out, mask);
      return toNumbers(out);
    }, 'big nonzero');
    agree(() => {
      const out = zeros('float32', [600, 257]);
      cat(out, [x, x], 0);
      return toNumbers(out);
    }, 'big cat');
  });
});

function contiguousStridesOf(sizes: readonly number[]): number[] {
  const s = new Array<number>(sizes.length);
  let acc = 1;
  for (let d = sizes.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= sizes[d];
  }
  return s;
}

function unravel(p: number, sizes: readonly number[]): number[] {
  const c = new Array<number>(sizes.length);
  for (let d = sizes.length - 1; d >= 0; d--) {
    c[d] = p % sizes[d];
    p = Math.floor(p / sizes[d]);
  }
  return c;
}
