import { describe, expect, it } from 'vitest';
import { type DType, dtypes, isFloating } from './dtype.js';
import {
  broadcastFrom,
  expectPathsAgree,
  layouts,
  pick,
  randomSpecial,
  randomTensor,
} from './elementwise-test-utils.js';
import { KernelError } from './kernel-error.js';
import { availableKernelPaths } from './runtime.js';
import { broadcastShapes, numel, type Strided } from './strided.js';
import { addcdiv, addcmul, clamp, lerp, where } from './ternary.js';
import { makeContiguous, makeStrided, randomShape, rng, toNumbers, withPath } from './test-utils.js';

type Bound = Strided | number | null;

function onEveryPath(fn: () => void): void {
  for (const path of availableKernelPaths()) withPath(path, fn);
}

const t = (dtype: DType, values: number[]) => makeContiguous(dtype, [values.length], values);

describe('ternary', () => {
  it('agrees with the reference on random shapes, layouts, broadcasts and dtypes', () => {
    const r = rng(31);
    for (const dtype of dtypes) {
      for (let trial = 0; trial < 12; trial++) {
        const base = randomShape(r);
        const s1 = base;
        const s2 = trial % 3 === 0 ? base : broadcastFrom(base, r);
        const s3 = broadcastFrom(base, r);
        const sizes = broadcastShapes('test', s1, s2, s3);
        const outLayout = pick(r, layouts);
        const fresh = () => makeStrided(dtype, sizes, new Array(numel(sizes)).fill(0), outLayout);
        const x1 = randomTensor(dtype, s1, r, pick(r, layouts));
        const x2 = randomTensor(dtype, s2, r, pick(r, layouts));
        const x3 = randomTensor(dtype, s3, r, pick(r, layouts));
        const cond = randomTensor('bool', broadcastFrom(base, r), r, pick(r, layouts));
        expectPathsAgree(`where(${dtype})`, dtype, () => {
          const out = fresh();
          where(out, cond, x2, x1);
          return toNumbers(out);
        });
        if (dtype === 'bool') continue;
        const bounds: [Bound, Bound][] = [
          [x2, x3],
          [x2, null],
          [null, x3],
          [-1, 2],
          [null, 0.5],
          [x2, 1],
          [-2, x3],
        ];
        for (const [lo, hi] of bounds) {
          expectPathsAgree(`clamp(${dtype})`, dtype, () => {
            const out = fresh();
            clamp(out, x1, lo, hi);
            return toNumbers(out);
          });
        }
        expectPathsAgree(`addcmul(${dtype})`, dtype, () => {
          const out = fresh();
          addcmul(out, x1, x2, x3, isFloating(dtype) ? 0.75 : 3);
          return toNumbers(out);
        });
        if (!isFloating(dtype)) continue;
        expectPathsAgree(`addcdiv(${dtype})`, dtype, () => {
          const out = fresh();
          addcdiv(out, x1, x2, x3, -1.5);
          return toNumbers(out);
        });
        for (const w of [x3, 0.3, 0.8, -1.25]) {
          expectPathsAgree(`lerp(${dtype})`, dtype, () => {
            const out = fresh();
            lerp(out, x1, x2, w);
            return toNumbers(out);
          });
        }
      }
    }
  });

  it('agrees with the reference on large contiguous inputs (vector loops, threads)', () => {
    const r = rng(32);
    const sizes = [5, 9001];
    for (const dtype of ['float32', 'float16', 'int32', 'uint8'] as DType[]) {
      const gen = (d: DType, rr: () => number) => randomSpecial(d, rr, 0.01);
      const [a, b, c] = [0, 1, 2].map(() => randomTensor(dtype, sizes, r, 'contiguous', gen));
      const cond = randomTensor('bool', sizes, r, 'contiguous');
      const scalar = makeContiguous(dtype, [], [3]);
      const run = (label: string, fn: (out: Strided) => void) =>
        expectPathsAgree(`${label}(${dtype}) large`, dtype, () => {
          const out = makeContiguous(dtype, sizes);
          fn(out);
          return toNumbers(out);
        });
      run('where', (o) => where(o, cond, a, b));
      run('where scalar', (o) => where(o, cond, a, scalar));
      run('clamp', (o) => clamp(o, a, b, c));
      run('clamp scalars', (o) => clamp(o, a, -1, 2));
      run('addcmul', (o) => addcmul(o, a, b, c, 2));
      if (isFloating(dtype)) {
        run('lerp', (o) => lerp(o, a, b, c));
        run('lerp scalar', (o) => lerp(o, a, b, 0.25));
        run('addcdiv', (o) => addcdiv(o, a, b, c, 0.5));
      }
    }
  });

  it('follows PyTorch on known values', () => {
    const nan = Number.NaN;
    onEveryPath(() => {
      const o = (dt: DType, n: number) => makeContiguous(dt, [n]);
      let out = o('int64', 2);
      where(out, t('bool', [1, 0]), t('int64', [1, 2]), t('int64', [3, 4]));
      expect(toNumbers(out)).toEqual([1, 4]);
      for (const dt of ['float32', 'float64', 'float16', 'bfloat16'] as DType[]) {
        out = o(dt, 4);
        clamp(out, t(dt, [nan, 5, 0.5, 0.5]), t(dt, [0, nan, 0, nan]), t(dt, [1, 1, nan, 1]));
        expect(toNumbers(out)).toEqual([nan, nan, nan, nan]);
        out = o(dt, 2);
        clamp(out, t(dt, [2, 5]), 3, 1);
        expect(toNumbers(out)).toEqual([1, 1]);
        out = o(dt, 4);
        clamp(out, t(dt, [-3, 0.25, 7, nan]), 0, null);
        expect(toNumbers(out)).toEqual([0, 0.25, 7, nan]);
        out = o(dt, 4);
        clamp(out, t(dt, [-3, 0.25, 7, -0]), undefined, 0.5);
        expect(toNumbers(out)).toEqual([-3, 0.25, 0.5, -0]);
        out = o(dt, 2);
        lerp(out, t(dt, [1, 1]), t(dt, [3, 3]), t(dt, [0.75, 0.25]));
        expect(toNumbers(out)).toEqual([2.5, 1.5]);
        out = o(dt, 3);
        lerp(out, t(dt, [0, 10, 1]), t(dt, [1, 20, 1]), 2);
        expect(toNumbers(out)).toEqual([2, 30, 1]);
        out = o(dt, 1);
        addcdiv(out, t(dt, [1]), t(dt, [1]), t(dt, [0]), 2);
        expect(toNumbers(out)).toEqual([Number.POSITIVE_INFINITY]);
        out = o(dt, 1);
        addcdiv(out, t(dt, [1]), t(dt, [3]), t(dt, [2]), 2);
        expect(toNumbers(out)).toEqual([4]);
      }
      out = o('int32', 2);
      clamp(out, t('int32', [5, -5]), -2, 2);
      expect(toNumbers(out)).toEqual([2, -2]);
      out = o('int64', 2);
      clamp(out, t('int64', [5, -5]), Number.NEGATIVE_INFINITY, 1e30);
      expect(toNumbers(out)).toEqual([5, -5]);
      out = o('int64', 1);
      addcmul(out, t('int64', [1]), t('int64', [3]), t('int64', [2]), 2);
      expect(toNumbers(out)).toEqual([13]);
      out = o('int8', 1);
      addcmul(out, t('int8', [1]), t('int8', [100]), t('int8', [2]), 1);
      expect(toNumbers(out)).toEqual([-55]);
    });
  });

  it('rejects bad calls with KernelErrors', () => {
    const x = makeContiguous('float32', [2, 3]);
    const out = makeContiguous('float32', [2, 3]);
    const cond = makeContiguous('bool', [2, 3]);
    expect(() => where(out, makeContiguous('int32', [2, 3]), x, x)).toThrow(/condition must be a bool tensor/);
    expect(() => where(out, cond, x, makeContiguous('float64', [2, 3]))).toThrow(/must have out's dtype float32/);
    expect(() => where(out, makeContiguous('bool', [4]), x, x)).toThrow(/must match the size of tensor b/);
    expect(() => where(makeContiguous('float32', [3, 3]), cond, x, x)).toThrow(/out has sizes/);
    expect(() => clamp(out, x)).toThrow(/At least one of 'min' or 'max'/);
    expect(() => clamp(out, x, '1' as unknown as number)).toThrow(/min must be a number or a tensor/);
    expect(() => clamp(makeContiguous('bool', [2]), makeContiguous('bool', [2]), 0, 1)).toThrow(/bool/);
    expect(() =>
      lerp(makeContiguous('int32', [2]), makeContiguous('int32', [2]), makeContiguous('int32', [2]), 0.5),
    ).toThrow(/not implemented for dtype int32/);
    const xi = makeContiguous('int32', [2]);
    expect(() => addcdiv(makeContiguous('int32', [2]), xi, xi, xi)).toThrow(/Integer division with addcdiv/);
    expect(() => addcmul(makeContiguous('int32', [2]), xi, xi, xi, 0.5)).toThrow(/value must be an integer/);
    expect(() => addcmul(out, x, x, { ...x, offset: 2 })).toThrow(KernelError);
  });
});
