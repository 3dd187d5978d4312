import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DType, dtypes } from './dtype.js';
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
import { numel } from './strided.js';
import { closeTo, makeContiguous, makeStrided, randomShape, rng, toNumbers, withPath } from './test-utils.js';
import { UNARY_OPS, type UnaryOp, type UnaryOptions, unary, unaryOutputDtype } from './unary.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/unary-torch.json', import.meta.url), 'utf8'), (_k, v) =>
  v === null ? Number.NaN : v === 'inf' ? Number.POSITIVE_INFINITY : v === '-inf' ? Number.NEGATIVE_INFINITY : v,
) as {
  x: number[];
  pos: number[];
  uni: number[];
  onX: Record<string, number[]>;
  onPos: Record<string, number[]>;
  onUni: Record<string, number[]>;
  param: Record<string, number[]>;
};

const optionsFor: Partial<Record<UnaryOp, UnaryOptions>> = {
  threshold: { threshold: 0.5, value: -7 },
  hardtanh: { min: -1.5, max: 2 },
  softplus: { beta: 2, threshold: 3 },
  elu: { alpha: 1.5, scale: 1.25, inputScale: 0.75 },
  leaky_relu: { negativeSlope: 0.2 },
  nan_to_num: { nan: 1.5, posinf: 100, neginf: -100 },
};

/** Runs op on every path; returns the values of the output. */
function apply(op: UnaryOp, dtype: DType, values: number[], options: UnaryOptions = {}, outDtype?: DType): number[] {
  const x = makeContiguous(dtype, [values.length], values);
  const out = makeContiguous(outDtype ?? unaryOutputDtype(op, dtype) ?? dtype, [values.length]);
  unary(op, out, x, options);
  return toNumbers(out);
}

/** op on every path and thread count must give `expected` (close for floats). */
function expectKnown(
  op: UnaryOp,
  dtype: DType,
  values: number[],
  expected: number[],
  options: UnaryOptions = {},
  rtol = 1e-5,
  atol = 1e-6,
): void {
  for (const path of availableKernelPaths()) {
    const got = withPath(path, () => apply(op, dtype, values, options));
    const err = closeTo(got, expected, rtol, atol);
    expect(err, `${op}(${dtype}) on ${path}: ${got}`).toBeNull();
  }
}

describe('unary', () => {
  it('agrees with the reference on random shapes, layouts, broadcasts and every supported dtype', () => {
    const r = rng(11);
    for (const op of UNARY_OPS) {
      for (const dtype of dtypes) {
        const outDtype = unaryOutputDtype(op, dtype);
        if (outDtype === null) continue;
        for (let trial = 0; trial < 4; trial++) {
          const sizes = randomShape(r);
          const xSizes = trial === 3 ? broadcastFrom(sizes, r) : sizes;
          const x = randomTensor(dtype, xSizes, r, pick(r, layouts));
          const outLayout = pick(r, layouts);
          expectPathsAgree(`${op}(${dtype}) [${sizes}]`, outDtype, () => {
            const out = makeStrided(outDtype, sizes, new Array(numel(sizes)).fill(0), outLayout);
            unary(op, out, x, optionsFor[op]);
            return toNumbers(out);
          });
        }
      }
    }
  });

  it('agrees with the reference on large contiguous and 0-d-broadcast inputs (vector loops, tails, threads)', () => {
    const r = rng(12);
    for (const op of UNARY_OPS) {
      for (const dtype of ['float32', 'float16', 'bfloat16', 'int32'] as DType[]) {
        const outDtype = unaryOutputDtype(op, dtype);
        if (outDtype === null) continue;
        const sizes = [3, 11003];
        const x = randomTensor(dtype, sizes, r, 'offset', (d, rr) => randomSpecial(d, rr, 0.01));
        expectPathsAgree(`${op}(${dtype}) large`, outDtype, () => {
          const out = makeContiguous(outDtype, sizes);
          unary(op, out, x, optionsFor[op]);
          return toNumbers(out);
        });
        const scalar = makeContiguous(dtype, [], [randomSpecial(dtype, r)]);
        expectPathsAgree(`${op}(${dtype}) 0-d broadcast`, outDtype, () => {
          const out = makeContiguous(outDtype, [5, 7]);
          unary(op, out, scalar, optionsFor[op]);
          return toNumbers(out);
        });
      }
    }
  }, 300_000);

  it('matches PyTorch on known values (float32)', () => {
    for (const [op, expected] of Object.entries(fixture.onX))
      expectKnown(op as UnaryOp, 'float32', fixture.x, expected);
    for (const [op, expected] of Object.entries(fixture.onPos))
      expectKnown(op as UnaryOp, 'float32', fixture.pos, expected);
    for (const [op, expected] of Object.entries(fixture.onUni))
      expectKnown(op as UnaryOp, 'float32', fixture.uni, expected);
    const p = fixture.param;
    expectKnown('elu', 'float32', fixture.x, p.elu);
    expectKnown('elu', 'float32', fixture.x, p.selu, { alpha: 1.6732632423543772, scale: 1.0507009873554805 });
    expectKnown('elu', 'float32', fixture.x, p.celu2, { alpha: 2, inputScale: 0.5 });
    expectKnown('softplus', 'float32', fixture.x, p.softplus2_3, { beta: 2, threshold: 3 });
    expectKnown('leaky_relu', 'float32', fixture.x, p['leaky_relu0.2'], { negativeSlope: 0.2 });
    expectKnown('hardtanh', 'float32', fixture.x, p['hardtanh-2_1'], { min: -2, max: 1 });
  });

  it('follows PyTorch on signs, zeros, NaN and infinities', () => {
    const nan = Number.NaN;
    const inf = Number.POSITIVE_INFINITY;
    const v = [-1.5, 0, -0, nan, 2.5, 0.5, -0.5, inf];
    for (const path of availableKernelPaths()) {
      withPath(path, () => {
        for (const dt of ['float32', 'float64', 'float16', 'bfloat16'] as DType[]) {
          expect(apply('round', dt, v)).toEqual([-2, 0, -0, nan, 2, 0, -0, inf]);
          expect(apply('round', dt, [0.5, 1.5, 2.5, -2.5, 3.5])).toEqual([0, 2, 2, -2, 4]);
          expect(apply('sign', dt, v)).toEqual([-1, 0, 0, 0, 1, 1, -1, 1]);
          expect(apply('relu', dt, v)).toEqual([0, 0, -0, nan, 2.5, 0.5, 0, inf]);
          expect(apply('relu6', dt, v)).toEqual([0, 0, -0, nan, 2.5, 0.5, 0, 6]);
          expect(apply('hardtanh', dt, v)).toEqual([-1, 0, -0, nan, 1, 0.5, -0.5, 1]);
          expect(apply('threshold', dt, v, { threshold: 0, value: 9 })).toEqual([9, 9, 9, nan, 2.5, 0.5, 9, inf]);
          expect(apply('floor', dt, v)).toEqual([-2, 0, -0, nan, 2, 0, -1, inf]);
          expect(apply('ceil', dt, v)).toEqual([-1, 0, -0, nan, 3, 1, -0, inf]);
          expect(apply('trunc', dt, v)).toEqual([-1, 0, -0, nan, 2, 0, -0, inf]);
          expect(apply('isnan', dt, v)).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);
          expect(apply('isinf', dt, v)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
          expect(apply('isfinite', dt, v)).toEqual([1, 1, 1, 0, 1, 1, 1, 0]);
          expect(apply('logical_not', dt, v)).toEqual([0, 1, 1, 0, 0, 0, 0, 0]);
          expect(apply('sqrt', dt, [-1, -0, 4])).toEqual([nan, -0, 2]);
          expect(apply('rsqrt', dt, [0, -0, 4])).toEqual([inf, -inf, 0.5]);
          expect(apply('reciprocal', dt, [0, -0, 4])).toEqual([inf, -inf, 0.25]);
          expect(apply('exp', dt, [-inf, inf, nan, 0])).toEqual([0, inf, nan, 1]);
          expect(apply('log', dt, [-1, 0, -0, inf, nan, 1])).toEqual([nan, -inf, -inf, inf, nan, 0]);
          expect(apply('tanh', dt, [-inf, inf, nan, 0, -0])).toEqual([-1, 1, nan, 0, -0]);
          expect(apply('erf', dt, [-inf, inf, nan, 0, -0, 10, -10])).toEqual([-1, 1, nan, 0, -0, 1, -1]);
          expect(apply('sigmoid', dt, [-inf, inf, nan, 0])).toEqual([0, 1, nan, 0.5]);
          expect(apply('gelu', dt, [-inf, inf, nan, 0])).toEqual([nan, inf, nan, 0]);
          expect(apply('digamma', dt, [0, -0, -1, -2])).toEqual([-inf, inf, nan, nan]);
          expect(apply('lgamma', dt, [0, -0, -1, 1, 2])).toEqual([inf, inf, inf, 0, 0]);
          expect(apply('erfinv', dt, [0, -0, 1, -1, 1.5, -1.5, nan])).toEqual([0, -0, inf, -inf, nan, nan, nan]);
        }
        const max32 = 3.4028234663852886e38;
        expect(apply('nan_to_num', 'float32', v)).toEqual([-1.5, 0, -0, 0, 2.5, 0.5, -0.5, max32]);
        expect(apply('nan_to_num', 'float16', [nan, inf, -inf])).toEqual([0, 65504, -65504]);
        expect(apply('nan_to_num', 'float64', [nan, inf, -inf], { nan: 1, posinf: 2, neginf: 3 })).toEqual([1, 2, 3]);
      });
    }
  });

  it('wraps integers like PyTorch and keeps integer ops integral', () => {
    for (const path of availableKernelPaths()) {
      withPath(path, () => {
        expect(apply('abs', 'int8', [-128, -5, 7])).toEqual([-128, 5, 7]);
        expect(apply('neg', 'int8', [-128, -5, 7])).toEqual([-128, 5, -7]);
        expect(apply('neg', 'uint8', [3, 0])).toEqual([253, 0]);
        expect(apply('abs', 'int32', [-(2 ** 31), -3])).toEqual([-(2 ** 31), 3]);
        expect(apply('neg', 'int64', [-(2 ** 53), 5])).toEqual([2 ** 53, -5]);
        expect(apply('sign', 'uint8', [3, 0])).toEqual([1, 0]);
        expect(apply('sign', 'int16', [-3, 0, 5])).toEqual([-1, 0, 1]);
        expect(apply('sign', 'bool', [1, 0])).toEqual([1, 0]);
        expect(apply('square', 'int32', [-3, 0, 5, 65536])).toEqual([9, 0, 25, 0]);
        expect(apply('square', 'int8', [12, -12])).toEqual([-112, -112]);
        expect(apply('relu', 'int32', [-3, 0, 5])).toEqual([0, 0, 5]);
        expect(apply('relu6', 'int32', [-3, 0, 5, 9])).toEqual([0, 0, 5, 6]);
        expect(apply('hardtanh', 'int32', [-3, 0, 5])).toEqual([-1, 0, 1]);
        expect(apply('threshold', 'int32', [-3, 0, 5], { threshold: 1, value: 7 })).toEqual([7, 7, 5]);
        expect(apply('round', 'int64', [-3, 0, 5])).toEqual([-3, 0, 5]);
        expect(apply('floor', 'uint8', [3, 200])).toEqual([3, 200]);
        expect(apply('nan_to_num', 'int32', [-3, 0, 5])).toEqual([-3, 0, 5]);
        expect(apply('bitwise_not', 'bool', [1, 0])).toEqual([0, 1]);
        expect(apply('bitwise_not', 'int8', [5, -1])).toEqual([-6, 0]);
        expect(apply('bitwise_not', 'uint8', [5])).toEqual([250]);
        expect(apply('isinf', 'int32', [-3, 0])).toEqual([0, 0]);
        expect(apply('isfinite', 'int32', [-3, 0])).toEqual([1, 1]);
        expect(apply('logical_not', 'int32', [-3, 0])).toEqual([0, 1]);
      });
    }
  });

  it('computes float32 exp, log, erf, tanh, sigmoid and gelu within a few ulp of float64', () => {
    // Inputs spread over each function's interesting range; the float64 reference path gives
    // (nearly) the exact value, rounded here to float32.
    const f = new Float32Array(1);
    const ulp = (x: number) => {
      f[0] = Math.abs(x);
      const u = new Uint32Array(f.buffer);
      const bits = u[0];
      u[0] = bits + 1;
      const up = f[0];
      u[0] = bits;
      return up - f[0];
    };
    const cases: [UnaryOp, number, number, number][] = [
      ['exp', -103, 88.7, 2],
      ['log', 1e-30, 1e30, 2],
      ['erf', -4.5, 4.5, 3],
      ['tanh', -10, 10, 2],
      ['sigmoid', -30, 30, 3],
      ['silu', -20, 20, 3],
      ['gelu', -0.6, 8, 4],
    ];
    const r = rng(5);
    for (const [op, lo, hi, maxUlp] of cases) {
      const n = 20000;
      const vals = Array.from({ length: n }, (_, i) => {
        const t =
          op === 'log' ? Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / n) : lo + ((hi - lo) * i) / n;
        f[0] = t + ((r() - 0.5) * 1e-3 * (hi - lo)) / n;
        return f[0];
      });
      const exact = withPath('reference', () => apply(op, 'float64', vals));
      for (const path of availableKernelPaths()) {
        const got = withPath(path, () => apply(op, 'float32', vals));
        let worst = 0;
        let where = 0;
        for (let i = 0; i < n; i++) {
          f[0] = exact[i];
          const e = f[0];
          const err = Math.abs(got[i] - e) / ulp(Math.max(Math.abs(e), 1.1754943508222875e-38));
          if (err > worst) {
            worst = err;
            where = i;
          }
        }
        expect(
          worst,
          `${op} on ${path}: ${worst} ulp at x=${vals[where]} (${got[where]} vs ${exact[where]})`,
        ).toBeLessThanOrEqual(maxUlp);
      }
    }
  });

  it('computes float32 gelu of negative inputs within the rounding of its erf form', () => {
    // 0.5 x (1 + erf(x / sqrt 2)) cancels for x < 0 (as in PyTorch): the error bound is the
    // rounding of erf near -1 scaled by |x|, plus a few ulp.
    const vals = Array.from({ length: 5000 }, (_, i) => -6 + (6 * i) / 5000);
    const exact = withPath('reference', () => apply('gelu', 'float64', vals));
    for (const path of availableKernelPaths()) {
      const got = withPath(path, () => apply('gelu', 'float32', vals));
      for (let i = 0; i < vals.length; i++) {
        const bound = 2 ** -24 * Math.abs(vals[i]) + 4e-7 * Math.abs(exact[i]);
        expect(Math.abs(got[i] - exact[i]), `gelu(${vals[i]}) on ${path}`).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('rejects storage views that are not aligned to their elements, and computes byte-sized ones at any offset', () => {
    const r = rng(13);
    for (const dtype of ['float32', 'float64', 'float16', 'int32', 'int64'] as DType[]) {
      const n = 301;
      const item = { float32: 4, float64: 8, float16: 2, int32: 4, int64: 8 }[dtype as 'float32'];
      const src = randomTensor(dtype, [n], r, 'contiguous');
      const x = { ...src, data: new Uint8Array(n * item + 1).subarray(1) };
      const out = makeContiguous(dtype, [n]);
      expect(() => unary('neg', out, x)).toThrow(/not aligned to its \d-byte/);
      expect(() => unary('neg', { ...out, data: new Uint8Array(n * item + 3).subarray(3) }, src)).toThrow(KernelError);
    }
    for (const dtype of ['uint8', 'int8'] as DType[]) {
      const n = 3001;
      const src = randomTensor(dtype, [n], r, 'contiguous');
      const x = { ...src, data: new Uint8Array(n + 1).subarray(1) };
      x.data.set(src.data.subarray(0, n));
      expectPathsAgree(`neg(${dtype}) at an odd offset`, dtype, () => {
        const out = { ...makeContiguous(dtype, [n]), data: new Uint8Array(n + 3).subarray(3) };
        unary('neg', out, x);
        return toNumbers(out);
      });
    }
  });

  it('rejects bad calls with KernelErrors', () => {
    const x = makeContiguous('float32', [2, 3]);
    const xi = makeContiguous('int32', [2, 3]);
    const out = makeContiguous('float32', [2, 3]);
    expect(() => unary('nope' as UnaryOp, out, x)).toThrow(/unknown op/);
    expect(() => unary('sqrt', makeContiguous('int32', [2, 3]), xi)).toThrow(/not implemented for dtype int32/);
    expect(() => unary('neg', makeContiguous('bool', [2, 3]), makeContiguous('bool', [2, 3]))).toThrow(
      /not implemented for dtype bool/,
    );
    expect(() => unary('bitwise_not', out, x)).toThrow(/not implemented for dtype float32/);
    expect(() => unary('isnan', out, x)).toThrow(/out must have dtype bool/);
    expect(() => unary('exp', makeContiguous('float64', [2, 3]), x)).toThrow(/out must have dtype float32/);
    expect(() => unary('exp', makeContiguous('float32', [3, 3]), x)).toThrow(/must match the size/);
    expect(() => unary('threshold', out, x, {})).toThrow(/threshold is required/);
    expect(() => unary('hardtanh', out, x, { min: 2, max: 1 })).toThrow(/greater than max/);
    expect(() => unary('softplus', out, x, { beta: '2' as unknown as number })).toThrow(KernelError);
    expect(() => unary('exp', out, { ...x, offset: 1 })).toThrow(/reaches byte/);
  });
});
