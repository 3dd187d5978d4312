import { describe, expect, it } from 'vitest';
import { BINARY_OPS, type BinaryOp, type BinaryOptions, binary, binaryOutputDtype } from './binary.js';
import { type DType, dtypes, isIntegral, itemSize } from './dtype.js';
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
import { makeContiguous, makeStrided, randInt, randomShape, rng, toNumbers, withPath } from './test-utils.js';

const divides = new Set<BinaryOp>(['div_trunc', 'div_floor', 'floor_divide', 'remainder', 'fmod']);

/** Values of b for op: no integer zero divisors, shift counts around the bit width, small exponents. */
function bValue(op: BinaryOp, dtype: DType, r: () => number): number {
  if (isIntegral(dtype)) {
    if (op === 'bitwise_left_shift' || op === 'bitwise_right_shift') {
      const v = randInt(r, -2, itemSize[dtype] * 8 + 2);
      return dtype === 'uint8' && v < 0 ? 200 : v;
    }
    if (op === 'pow') return randInt(r, dtype === 'uint8' ? 0 : -2, 9);
    if (divides.has(op)) {
      const v = randomSpecial(dtype, r);
      return v === 0 ? 7 : v;
    }
  }
  return randomSpecial(dtype, r);
}

function alphaFor(op: BinaryOp, dtype: DType, r: () => number): BinaryOptions {
  if (op !== 'add' && op !== 'sub') return {};
  if (dtype === 'bool') return { alpha: r() < 0.5 };
  if (isIntegral(dtype)) return { alpha: randInt(r, -3, 3) };
  return { alpha: pick(r, [1, 0.5, -2.25]) };
}

function apply(op: BinaryOp, dtype: DType, a: number[], b: number[], options: BinaryOptions = {}): number[] {
  const ta = makeContiguous(dtype, [a.length], a);
  const tb = makeContiguous(dtype, [b.length], b);
  const out = makeContiguous(binaryOutputDtype(op, dtype) ?? dtype, [a.length]);
  binary(op, out, ta, tb, options);
  return toNumbers(out);
}

function onEveryPath(fn: () => void): void {
  for (const path of availableKernelPaths()) withPath(path, fn);
}

describe('binary', () => {
  it('agrees with the reference on random shapes, layouts, broadcasts and every supported dtype', () => {
    const r = rng(21);
    for (const op of BINARY_OPS) {
      for (const dtype of dtypes) {
        const outDtype = binaryOutputDtype(op, dtype);
        if (outDtype === null || (op === 'sub' && dtype === 'bool')) continue;
        for (let trial = 0; trial < 4; trial++) {
          const base = randomShape(r);
          const aSizes = trial === 0 ? base : broadcastFrom(base, r);
          const bSizes = trial === 1 ? base : broadcastFrom(base, r);
          const sizes = broadcastShapes('test', aSizes, bSizes);
          const a = randomTensor(dtype, aSizes, r, pick(r, layouts));
          const b = randomTensor(dtype, bSizes, r, pick(r, layouts), (d, rr) => bValue(op, d, rr));
          const options = alphaFor(op, dtype, r);
          const outLayout = pick(r, layouts);
          expectPathsAgree(`${op}(${dtype}) [${aSizes}] [${bSizes}]`, outDtype, () => {
            const out = makeStrided(outDtype, sizes, new Array(numel(sizes)).fill(0), outLayout);
            binary(op, out, a, b, options);
            return toNumbers(out);
          });
        }
      }
    }
  });

  it('agrees with the reference on large contiguous inputs and on 0-d (scalar) operands', () => {
    const r = rng(22);
    for (const op of BINARY_OPS) {
      for (const dtype of ['float32', 'float16', 'int32', 'int8', 'bool'] as DType[]) {
        const outDtype = binaryOutputDtype(op, dtype);
        if (outDtype === null || (op === 'sub' && dtype === 'bool')) continue;
        // Above the cheap-op grain (32768) for the thread split where it matters most.
        const big = dtype === 'float32' || dtype === 'int32' ? [2, 17001] : [3, 1001];
        const sizes = [3, 1001];
        const gen = (d: DType, rr: () => number) => randomSpecial(d, rr, 0.01);
        const bigA = randomTensor(dtype, big, r, 'contiguous', gen);
        const bigB = randomTensor(dtype, big, r, 'offset', (d, rr) => bValue(op, d, rr));
        const a = randomTensor(dtype, sizes, r, 'contiguous', gen);
        const b = randomTensor(dtype, sizes, r, 'offset', (d, rr) => bValue(op, d, rr));
        const sa = makeContiguous(dtype, [], [randomSpecial(dtype, r)]);
        const sb = makeContiguous(dtype, [], [bValue(op, dtype, r)]);
        const options = alphaFor(op, dtype, r);
        const cases = [
          [bigA, bigB, 'tensors'],
          [a, sb, 'scalar b'],
          [sa, b, 'scalar a'],
        ] as [Strided, Strided, string][];
        for (const [x, y, what] of cases) {
          const sizes = what === 'tensors' ? big : [3, 1001];
          expectPathsAgree(`${op}(${dtype}) large, ${what}`, outDtype, () => {
            const out = makeContiguous(outDtype, sizes);
            binary(op, out, x, y, options);
            return toNumbers(out);
          });
        }
      }
    }
  }, 300_000);

  it('streams large outputs correctly (misaligned start, tails) and computes in place', () => {
    const r = rng(23);
    for (const dtype of ['float32', 'float64'] as DType[]) {
      const n = (dtype === 'float32' ? 2 ** 21 : 2 ** 20) + 37;
      const a = randomTensor(dtype, [n], r, 'offset');
      const b = randomTensor(dtype, [n], r, 'contiguous');
      const ref = withPath('reference', () => {
        const out = makeStrided(dtype, [n], [], 'offset');
        binary('add', out, a, b, { alpha: 0.5 });
        return toNumbers(out);
      });
      expectPathsAgree(`add(${dtype}) streamed`, dtype, () => {
        const out = makeStrided(dtype, [n], [], 'offset');
        binary('add', out, a, b, { alpha: 0.5 });
        return toNumbers(out);
      });
      expectPathsAgree(`add(${dtype}) in place`, dtype, () => {
        const x = { ...a, data: a.data.slice() };
        binary('add', x, x, b, { alpha: 0.5 });
        return toNumbers(x);
      });
      expect(ref.length).toBe(n);
    }
  }, 300_000);

  it('follows PyTorch on division, remainder and rounding signs', () => {
    const nan = Number.NaN;
    const inf = Number.POSITIVE_INFINITY;
    onEveryPath(() => {
      for (const dt of ['int64', 'int32', 'int16', 'int8', 'float32', 'float64'] as DType[]) {
        expect(apply('remainder', dt, [5, -5, 5, -5], [3, 3, -3, -3])).toEqual([2, 1, -1, -2]);
        expect(apply('fmod', dt, [5, -5, 5, -5], [3, 3, -3, -3])).toEqual([2, -2, 2, -2]);
        expect(apply('div_floor', dt, [5, -5, 5, -5], [3, 3, -3, -3])).toEqual([1, -2, -2, 1]);
        expect(apply('floor_divide', dt, [7, -7], [2, 2])).toEqual([3, -4]);
        expect(apply('div_trunc', dt, [5, -5, 5, -5], [3, 3, -3, -3])).toEqual([1, -1, -1, 1]);
        expect(apply('div', dt, [7, -7], [2, 2], { roundingMode: 'floor' })).toEqual([3, -4]);
        expect(apply('div', dt, [7, -7], [2, 2], { roundingMode: 'trunc' })).toEqual([3, -3]);
      }
      for (const dt of ['float32', 'float64', 'float16', 'bfloat16'] as DType[]) {
        expect(apply('div_floor', dt, [5, -5, 0, -0, 1, 7, -7], [0, 0, 0, 2, -0, -2, 2])).toEqual([
          inf,
          -inf,
          nan,
          -0,
          -inf,
          -4,
          -4,
        ]);
        expect(apply('remainder', dt, [5, -5, 5, -5, 3, inf], [3, 3, -3, -3, 0, 2])).toEqual([2, 1, -1, -2, nan, nan]);
        expect(apply('remainder', dt, [-3, 3], [inf, -inf])).toEqual([inf, -inf]);
        expect(apply('div', dt, [1, -1, 0], [0, 0, 0])).toEqual([inf, -inf, nan]);
        expect(apply('div_trunc', dt, [7.5, -7.5], [2, 2])).toEqual([3, -3]);
      }
      // Python's floor division is exact where a / b rounds up to an integer.
      expect(apply('div_floor', 'float64', [1], [0.1])).toEqual([9]);
      expect(apply('remainder', 'float64', [1], [0.1])).toEqual([0.09999999999999995]);
      // INT_MIN / -1 wraps instead of trapping.
      const min32 = -(2 ** 31);
      expect(apply('div_trunc', 'int32', [min32, min32], [-1, 1])).toEqual([min32, min32]);
      expect(apply('div_floor', 'int32', [min32], [-1])).toEqual([min32]);
      expect(apply('remainder', 'int32', [min32], [-1])).toEqual([0]);
      expect(apply('fmod', 'int32', [min32], [-1])).toEqual([0]);
      expect(apply('div_floor', 'int8', [-128], [-1])).toEqual([-128]);
      expect(apply('div_trunc', 'int64', [-(2 ** 63)], [-1])).toEqual([-(2 ** 63)]);
      expect(apply('remainder', 'uint8', [250, 7], [7, 250])).toEqual([5, 7]);
    });
  });

  it('follows PyTorch on NaN in maximum/minimum vs fmax/fmin and in comparisons', () => {
    const nan = Number.NaN;
    onEveryPath(() => {
      for (const dt of ['float32', 'float64', 'float16', 'bfloat16'] as DType[]) {
        expect(apply('maximum', dt, [1, nan, nan, 3], [nan, 2, nan, -1])).toEqual([nan, nan, nan, 3]);
        expect(apply('minimum', dt, [1, nan, nan, 3], [nan, 2, nan, -1])).toEqual([nan, nan, nan, -1]);
        expect(apply('fmax', dt, [1, nan, nan, 3], [nan, 2, nan, -1])).toEqual([1, 2, nan, 3]);
        expect(apply('fmin', dt, [1, nan, nan, 3], [nan, 2, nan, -1])).toEqual([1, 2, nan, -1]);
        expect(apply('maximum', dt, [-0, 0], [0, -0])).toEqual([-0, 0]);
        expect(apply('minimum', dt, [-0, 0], [0, -0])).toEqual([-0, 0]);
        const a = [1, nan, nan, 2, -0];
        const b = [nan, 1, nan, 2, 0];
        expect(apply('eq', dt, a, b)).toEqual([0, 0, 0, 1, 1]);
        expect(apply('ne', dt, a, b)).toEqual([1, 1, 1, 0, 0]);
        expect(apply('lt', dt, a, b)).toEqual([0, 0, 0, 0, 0]);
        expect(apply('le', dt, a, b)).toEqual([0, 0, 0, 1, 1]);
        expect(apply('gt', dt, a, b)).toEqual([0, 0, 0, 0, 0]);
        expect(apply('ge', dt, a, b)).toEqual([0, 0, 0, 1, 1]);
        expect(apply('logical_and', dt, [nan, 0, 2, -0], [1, 1, 0, 3])).toEqual([1, 0, 0, 0]);
        expect(apply('logical_or', dt, [nan, 0, 0, -0], [0, 1, 0, 0])).toEqual([1, 1, 0, 0]);
        expect(apply('logical_xor', dt, [nan, 0, 2, 0], [1, 1, 0, 0])).toEqual([0, 1, 1, 0]);
        expect(apply('xlogy', dt, [0, 0, 2, 0], [0, nan, 0, 5])).toEqual([0, nan, -Number.POSITIVE_INFINITY, 0]);
        expect(apply('copysign', dt, [1, 2, -3], [-0, nan, 1])).toEqual([-1, 2, 3]);
        expect(apply('atan2', dt, [0, -0, 1], [-1, -1, 0])).toEqual(
          [Math.PI, -Math.PI, Math.PI / 2].map((v) => roundTo(dt, v)),
        );
        expect(apply('hypot', dt, [3, Number.POSITIVE_INFINITY], [4, nan])).toEqual([5, Number.POSITIVE_INFINITY]);
        expect(apply('pow', dt, [2, -8, 0, nan, 1], [10, 1 / 3, 0, 0, nan])).toEqual([1024, nan, 1, 1, 1]);
      }
    });
  });

  it('follows PyTorch on integer pow, shifts, bitwise ops, wrapping and bool arithmetic', () => {
    onEveryPath(() => {
      expect(apply('pow', 'int64', [2, -1, 1, -2, 0, 3], [-1, -3, -5, 63, 0, 4])).toEqual([
        0,
        -1,
        1,
        -(2 ** 63),
        1,
        81,
      ]);
      expect(apply('pow', 'int32', [3, -1], [40, 4])).toEqual([689956897, 1]);
      expect(apply('pow', 'uint8', [3, 2], [5, 8])).toEqual([243, 0]);
      expect(apply('bitwise_right_shift', 'int32', [-8, 8, 1, -1, -8], [40, 40, -1, 3, 1])).toEqual([-1, 0, 0, -1, -4]);
      expect(apply('bitwise_left_shift', 'int32', [-8, 8, 1, 3], [40, 4, -1, 30])).toEqual([0, 128, 0, -(2 ** 30)]);
      expect(apply('bitwise_left_shift', 'int8', [3, 1], [6, 7])).toEqual([-64, -128]);
      expect(apply('bitwise_right_shift', 'uint8', [200, 200], [9, 3])).toEqual([0, 25]);
      expect(apply('bitwise_left_shift', 'uint8', [200], [9])).toEqual([0]);
      expect(apply('bitwise_and', 'int16', [12, -1], [10, 7])).toEqual([8, 7]);
      expect(apply('bitwise_or', 'uint8', [12], [3])).toEqual([15]);
      expect(apply('bitwise_xor', 'bool', [1, 1, 0], [1, 0, 0])).toEqual([0, 1, 0]);
      expect(apply('add', 'int8', [127, -128], [1, -1])).toEqual([-128, 127]);
      expect(apply('add', 'int32', [2 ** 31 - 1], [1])).toEqual([-(2 ** 31)]);
      expect(apply('sub', 'uint8', [3], [5])).toEqual([254]);
      expect(apply('mul', 'int16', [300], [300])).toEqual([24464]);
      expect(apply('add', 'int32', [10, 10], [3, -3], { alpha: -2 })).toEqual([4, 16]);
      expect(apply('sub', 'float32', [10], [3], { alpha: 0.5 })).toEqual([8.5]);
      expect(apply('add', 'bool', [1, 0, 0, 1], [1, 1, 0, 0])).toEqual([1, 1, 0, 1]);
      expect(apply('add', 'bool', [0, 1], [1, 0], { alpha: false })).toEqual([0, 1]);
      expect(apply('mul', 'bool', [1, 1, 0], [1, 0, 0])).toEqual([1, 0, 0]);
      expect(apply('maximum', 'bool', [1, 0, 0], [0, 1, 0])).toEqual([1, 1, 0]);
      expect(apply('minimum', 'int64', [-5, 9], [3, 2])).toEqual([-5, 2]);
      expect(apply('lt', 'uint8', [1, 200], [200, 1])).toEqual([1, 0]);
    });
  });

  it('reports integer division by zero as ZeroDivisionError on every path, never traps', () => {
    for (const path of availableKernelPaths()) {
      for (const threads of [1, 2]) {
        withPath(
          path,
          () => {
            for (const op of ['div_trunc', 'div_floor', 'remainder', 'fmod', 'floor_divide'] as BinaryOp[]) {
              for (const dt of ['int64', 'int32', 'int16', 'int8', 'uint8'] as DType[]) {
                const n = 40000;
                const a = makeContiguous(dt, [n], new Array(n).fill(3));
                const bv = new Array(n).fill(1);
                bv[n - 5] = 0;
                const b = makeContiguous(dt, [n], bv);
                const out = makeContiguous(dt, [n]);
                let err: unknown;
                try {
                  binary(op, out, a, b);
                } catch (e) {
                  err = e;
                }
                expect(KernelError.isInstance(err), `${op}(${dt}) on ${path}`).toBe(true);
                expect((err as KernelError).code).toBe('ERR_TSJIT_ZERO_DIVISION');
                expect((err as KernelError).message).toMatch(/ZeroDivisionError/);
                // a scalar zero divisor too
                expect(() => binary(op, out, a, makeContiguous(dt, [], [0]))).toThrow(/ZeroDivisionError/);
              }
            }
          },
          threads,
        );
      }
    }
  });

  it('rejects bad calls with KernelErrors and PyTorch-style messages', () => {
    const a = makeContiguous('float32', [2, 3]);
    const b = makeContiguous('float32', [2, 4]);
    const out = makeContiguous('float32', [2, 3]);
    expect(() => binary('add', makeContiguous('float32', [2, 4]), a, b)).toThrow(
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    );
    expect(() => binary('add', makeContiguous('float32', [3, 3]), a, a)).toThrow(/out has sizes \[3, 3\]/);
    expect(() => binary('add', out, a, makeContiguous('float64', [2, 3]))).toThrow(/same dtype/);
    expect(() => binary('eq', out, a, a)).toThrow(/out must have dtype bool/);
    expect(() => binary('add', makeContiguous('float64', [2, 3]), a, a)).toThrow(/out must have dtype float32/);
    const ai = makeContiguous('int32', [2]);
    expect(() => binary('div', makeContiguous('int32', [2]), ai, ai)).toThrow(/true division/);
    expect(() => binary('atan2', makeContiguous('int32', [2]), ai, ai)).toThrow(/not implemented for dtype int32/);
    expect(() => binary('bitwise_and', out, a, a)).toThrow(/not implemented for dtype float32/);
    expect(() =>
      binary(
        'bitwise_left_shift',
        makeContiguous('bool', [2]),
        makeContiguous('bool', [2]),
        makeContiguous('bool', [2]),
      ),
    ).toThrow(/not implemented for dtype bool/);
    const bb = makeContiguous('bool', [2]);
    expect(() => binary('sub', makeContiguous('bool', [2]), bb, bb)).toThrow(
      /Subtraction, the `-` operator, with two bool tensors/,
    );
    expect(() => binary('add', makeContiguous('int32', [2]), ai, ai, { alpha: 0.5 })).toThrow(
      /alpha must not be a floating point/,
    );
    expect(() => binary('add', makeContiguous('bool', [2]), bb, bb, { alpha: 2 })).toThrow(/Boolean alpha/);
    expect(() => binary('mul', out, a, a, { alpha: 2 })).toThrow(/alpha applies to add and sub only/);
    expect(() => binary('div', out, a, a, { roundingMode: 'round' as 'floor' })).toThrow(/rounding_mode/);
    expect(() => binary('nope' as BinaryOp, out, a, a)).toThrow(/unknown op/);
    expect(() => binary('add', out, { ...a, strides: [4, 1] }, a)).toThrow(/reaches byte/);
    const small = makeContiguous('float32', [3]);
    expect(() => binary('add', { ...small, sizes: [2, 3], strides: [0, 1] }, a, a)).toThrow(/single memory location/);
  });
});

function roundTo(dt: DType, v: number): number {
  const t = makeContiguous(dt, [1], [v]);
  return toNumbers(t)[0];
}
