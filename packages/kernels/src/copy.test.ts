import { describe, expect, it } from 'vitest';
import { copy, fill } from './copy.js';
import { type DType, dtypes } from './dtype.js';
import { KernelError } from './kernel-error.js';
import { availableKernelPaths } from './runtime.js';
import { numel } from './strided.js';
import {
  type Layout,
  makeContiguous,
  makeStrided,
  randomShape,
  randomValue,
  rng,
  roundTo,
  toNumbers,
  withPath,
} from './test-utils.js';

const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];

describe('copy', () => {
  it('casts between every pair of dtypes like PyTorch', () => {
    const values = [0, 1, -1, 2.5, -2.5, 3.7, 100, -100, 127, 300];
    for (const from of dtypes) {
      for (const to of dtypes) {
        const src = makeContiguous(
          from,
          [values.length],
          values.map((v) => roundTo(from, v)),
        );
        const dst = makeContiguous(to, [values.length]);
        copy(dst, src);
        const expected = toNumbers(src).map((v) => (to === 'bool' ? (v !== 0 ? 1 : 0) : roundTo(to, v)));
        expect(toNumbers(dst), `${from} -> ${to}`).toEqual(expected);
      }
    }
  });

  it('truncates floats toward zero and wraps to narrow integers', () => {
    const src = makeContiguous('float32', [5], [2.9, -2.9, 300, -129, Number.NaN]);
    const u8 = makeContiguous('uint8', [5]);
    copy(u8, src);
    expect(toNumbers(u8)).toEqual([2, 254, 44, 127, 0]);
    const i64 = makeContiguous('int64', [5]);
    copy(i64, src);
    expect(toNumbers(i64).slice(0, 4)).toEqual([2, -2, 300, -129]);
    expect(toNumbers(i64)[4]).toBe(-(2 ** 63));
  });

  it('fast paths agree with the reference on random shapes, layouts, dtypes and broadcasting', () => {
    const r = rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const sizes = randomShape(r);
      const from = dtypes[Math.floor(r() * dtypes.length)] as DType;
      const to = dtypes[Math.floor(r() * dtypes.length)] as DType;
      // broadcast: drop leading dims and set some to 1
      const srcSizes = sizes.slice(Math.floor(r() * (sizes.length + 1))).map((s) => (r() < 0.3 ? 1 : s));
      const vals = Array.from({ length: numel(srcSizes) }, () => randomValue(from, r));
      const src = makeStrided(from, srcSizes, vals, layouts[trial % 4]);
      const results = availableKernelPaths().map((path) =>
        withPath(
          path,
          () => {
            const dst = makeStrided(to, sizes, new Array(numel(sizes)).fill(0), layouts[(trial >> 2) % 4]);
            copy(dst, src);
            return toNumbers(dst);
          },
          2,
        ),
      );
      for (const res of results.slice(1)) expect(res).toEqual(results[0]);
    }
  });

  it('runs multi-threaded on large tensors', () => {
    const n = 1 << 20;
    const vals = Array.from({ length: n }, (_, i) => i % 1000);
    const src = makeContiguous('int32', [n], vals);
    const dst = makeStrided('float64', [1024, 1024], new Array(n).fill(0), 'transposed');
    copy(dst, { ...src, sizes: [1024, 1024], strides: [1024, 1] });
    expect(toNumbers(dst)).toEqual(vals);
  });

  it('fills any layout', () => {
    const t = makeStrided('float16', [3, 4], new Array(12).fill(0), 'stepped');
    fill(t, 1.5);
    expect(toNumbers(t)).toEqual(new Array(12).fill(1.5));
    const b = makeContiguous('bool', [2, 2]);
    fill(b, 0.1);
    expect(toNumbers(b)).toEqual([1, 1, 1, 1]);
  });

  it('rejects views past the end of their storage and mismatched shapes', () => {
    const src = makeContiguous('float32', [4], [1, 2, 3, 4]);
    const dst = makeContiguous('float32', [4]);
    expect(() => copy(dst, { ...src, offset: 1 })).toThrow(KernelError);
    expect(() => copy(dst, { ...src, strides: [2] })).toThrow(/reaches byte/);
    expect(() => copy(dst, { ...src, sizes: [3], strides: [1] })).toThrow(/must match/);
    expect(() => copy({ ...dst, sizes: [4, 4], strides: [0, 1] }, src)).toThrow(/single memory location/);
  });
});
