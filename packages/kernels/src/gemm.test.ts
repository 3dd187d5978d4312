import { describe, expect, it } from 'vitest';
import type { DType } from './dtype.js';
import { addmm, baddbmm, bmm, fmaPeak, gemm, mm } from './gemm.js';
import { KernelError } from './kernel-error.js';
import { availableKernelPaths, type KernelPath } from './runtime.js';
import { numel, type Strided } from './strided.js';
import {
  closeTo,
  type Layout,
  makeContiguous,
  makeStrided,
  randInt,
  rng,
  roundTo,
  toNumbers,
  withPath,
} from './test-utils.js';

const floatTypes: DType[] = ['float32', 'float64', 'float16', 'bfloat16'];
const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];
const fastPaths = availableKernelPaths().filter((p) => p !== 'reference');

function randomValues(dtype: DType, n: number, r: () => number): number[] {
  return Array.from({ length: n }, () => roundTo(dtype, (r() - 0.5) * 4));
}

function tolerance(dtype: DType, k: number): { rtol: number; atol: number } {
  switch (dtype) {
    case 'float64':
      return { rtol: 1e-12, atol: 1e-12 * (k + 1) * 4 };
    case 'float32':
      return { rtol: 1e-5, atol: 2e-6 * (k + 1) * 4 };
    case 'float16':
      return { rtol: 2e-3, atol: 2e-3 + 2e-6 * (k + 1) * 4 };
    default:
      return { rtol: 1e-2, atol: 1e-2 + 2e-6 * (k + 1) * 4 };
  }
}

// Runs `fn` (which builds fresh outputs) on every path and thread count; returns results keyed by run.
function onEveryPath(fn: () => number[]): { ref: number[]; runs: [string, number[]][] } {
  const ref = withPath('reference', fn, 1);
  const runs: [string, number[]][] = [];
  for (const path of fastPaths) {
    for (const threads of [1, 2]) runs.push([`${path}/${threads}t`, withPath(path as KernelPath, fn, threads)]);
  }
  return { ref, runs };
}

function expectAllClose(fn: () => number[], dtype: DType, k: number, label: string): number[] {
  const { ref, runs } = onEveryPath(fn);
  const { rtol, atol } = tolerance(dtype, k);
  for (const [name, res] of runs) expect(closeTo(res, ref, rtol, atol), `${label} ${name}`).toBeNull();
  return ref;
}

// Naive product in float64 for hand checks.
function matmulNumbers(a: number[], b: number[], m: number, n: number, k: number): number[] {
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) for (let t = 0; t < k; t++) out[i * n + j] += a[i * k + t] * b[t * n + j];
  return out;
}

function transposedView(t: Strided): Strided {
  const nd = t.sizes.length;
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  [sizes[nd - 2], sizes[nd - 1]] = [sizes[nd - 1], sizes[nd - 2]];
  [strides[nd - 2], strides[nd - 1]] = [strides[nd - 1], strides[nd - 2]];
  return { ...t, sizes, strides };
}

describe('gemm', () => {
  it('computes known products (mm, addmm with alpha/beta, bmm, baddbmm)', () => {
    for (const dtype of floatTypes) {
      const a = makeContiguous(dtype, [2, 3], [1, 2, 3, 4, 5, 6]);
      const b = makeContiguous(dtype, [3, 2], [7, 8, 9, 10, 11, 12]);
      const out = makeContiguous(dtype, [2, 2]);
      mm(out, a, b);
      expect(toNumbers(out)).toEqual([58, 64, 139, 154]);
      const self = makeContiguous(dtype, [2], [1, -1]);
      addmm(out, self, a, b, { beta: 2, alpha: 0.5 });
      expect(toNumbers(out)).toEqual([31, 30, 71.5, 75]);
      const ba = makeContiguous(dtype, [2, 1, 2], [1, 2, 3, 4]);
      const bb = makeContiguous(dtype, [2, 2, 1], [5, 6, 7, 8]);
      const bo = makeContiguous(dtype, [2, 1, 1]);
      bmm(bo, ba, bb);
      expect(toNumbers(bo)).toEqual([17, 53]);
      baddbmm(bo, makeContiguous(dtype, [1], [10]), ba, bb, { beta: -1 });
      expect(toNumbers(bo)).toEqual([7, 43]);
    }
  });

  it('matches torch values for a transposed product (checked with PyTorch 1.13)', () => {
    // torch.arange(6.).reshape(3, 2).t() @ torch.arange(6.).reshape(3, 2) = [[20, 26], [26, 35]]
    const x = makeContiguous('float32', [3, 2], [0, 1, 2, 3, 4, 5]);
    const out = makeContiguous('float32', [2, 2]);
    mm(out, transposedView(x), x);
    expect(toNumbers(out)).toEqual([20, 26, 26, 35]);
  });

  it('beta = 0 never reads out, so NaN garbage in out does not propagate', () => {
    for (const path of availableKernelPaths()) {
      for (const [m, n, k] of [
        [3, 5, 4],
        [1, 40, 7],
        [40, 1, 7],
        [1, 1, 9],
        [33, 70, 300],
      ]) {
        withPath(
          path,
          () => {
            const r = rng(m * 1000 + n);
            const a = makeContiguous('float32', [m, k], randomValues('float32', m * k, r));
            const b = makeContiguous('float32', [k, n], randomValues('float32', k * n, r));
            const out = makeContiguous('float32', [m, n], new Array(m * n).fill(Number.NaN));
            gemm(out, a, b);
            expect(toNumbers(out).some(Number.isNaN), `${path} ${m}x${n}x${k}`).toBe(false);
            const self = makeContiguous('float32', [m, n], new Array(m * n).fill(Number.NaN));
            addmm(out, self, a, b, { beta: 0 });
            expect(toNumbers(out).some(Number.isNaN), `${path} addmm ${m}x${n}x${k}`).toBe(false);
            expect(closeTo(toNumbers(out), matmulNumbers(toNumbers(a), toNumbers(b), m, n, k), 1e-5, 1e-4)).toBeNull();
          },
          2,
        );
      }
    }
  });

  it('fast paths agree with the reference on random shapes, layouts, batches, dtypes, alpha and beta', () => {
    const r = rng(11);
    for (let trial = 0; trial < 160; trial++) {
      const dtype = floatTypes[trial % 4];
      const big = r() < 0.15;
      const m = r() < 0.1 ? 1 : randInt(r, 0, big ? 80 : 20);
      const n = r() < 0.1 ? 1 : randInt(r, 0, big ? 80 : 40);
      const k = randInt(r, 0, big ? 300 : 30);
      const batched = r() < 0.3;
      const batch = batched ? randInt(r, 0, 3) : 1;
      const aBatch = batched && r() < 0.3 ? 1 : batch;
      const bBatch = batched && r() < 0.3 ? 1 : batch;
      const aSizes = batched ? [aBatch, m, k] : [m, k];
      const bSizes = batched ? [bBatch, k, n] : [k, n];
      const cSizes = batched ? [batch, m, n] : [m, n];
      const la = layouts[randInt(r, 0, 3)];
      const lb = layouts[randInt(r, 0, 3)];
      const lc = layouts[randInt(r, 0, 3)];
      const a = makeStrided(dtype, aSizes, randomValues(dtype, numel(aSizes), r), la);
      const b = makeStrided(dtype, bSizes, randomValues(dtype, numel(bSizes), r), lb);
      const c0 = randomValues(dtype, numel(cSizes), r);
      const alpha = [1, 0.5, -2][randInt(r, 0, 2)];
      const beta = [0, 1, -0.5][randInt(r, 0, 2)];
      expectAllClose(
        () => {
          const c = makeStrided(dtype, cSizes, c0, lc);
          gemm(c, a, b, { alpha, beta });
          return toNumbers(c);
        },
        dtype,
        k,
        `trial ${trial}: ${dtype} [${aSizes}] ${la} @ [${bSizes}] ${lb} -> ${lc}, alpha ${alpha} beta ${beta}`,
      );
    }
  });

  it('blocks over several cache blocks (k > KC, m > MC, n > NR edges) and threads', () => {
    const r = rng(5);
    for (const dtype of ['float32', 'float64'] as DType[]) {
      for (const [m, n, k] of [
        [350, 45, 530],
        [17, 301, 260],
        [200, 200, 1],
        [40, 700, 300],
      ]) {
        const a = makeContiguous(dtype, [m, k], randomValues(dtype, m * k, r));
        const b = makeStrided(dtype, [k, n], randomValues(dtype, k * n, r), 'transposed');
        const c0 = randomValues(dtype, m * n, r);
        const ref = expectAllClose(
          () => {
            const c = makeContiguous(dtype, [m, n], c0);
            gemm(c, a, b, { alpha: 1.5, beta: 0.25 });
            return toNumbers(c);
          },
          dtype,
          k,
          `${dtype} ${m}x${n}x${k}`,
        );
        const direct = matmulNumbers(toNumbers(a), toNumbers(b), m, n, k).map((v, i) => 1.5 * v + 0.25 * c0[i]);
        expect(closeTo(ref, direct, dtype === 'float64' ? 1e-12 : 1e-4, dtype === 'float64' ? 1e-9 : 1e-2)).toBeNull();
      }
    }
  });

  it('matrix-vector products in every orientation (m = 1, n = 1) agree with the reference', () => {
    const r = rng(9);
    for (const dtype of ['float32', 'float64'] as DType[]) {
      for (const [m, n, k] of [
        [1, 300, 257],
        [1, 129, 64],
        [300, 1, 257],
        [131, 1, 70],
        [1, 1, 100],
        [1, 5, 3],
      ]) {
        for (const la of layouts) {
          for (const lb of [layouts[randInt(r, 0, 3)], layouts[randInt(r, 0, 3)]]) {
            const a = makeStrided(dtype, [m, k], randomValues(dtype, m * k, r), la);
            const b = makeStrided(dtype, [k, n], randomValues(dtype, k * n, r), lb);
            const c0 = randomValues(dtype, m * n, r);
            const lc = layouts[randInt(r, 0, 3)];
            expectAllClose(
              () => {
                const c = makeStrided(dtype, [m, n], c0, lc);
                gemm(c, a, b, { alpha: 2, beta: 0.5 });
                return toNumbers(c);
              },
              dtype,
              k,
              `${dtype} ${m}x${n}x${k} ${la} ${lb} ${lc}`,
            );
          }
        }
      }
    }
  });

  it('large matrix-vector products (threaded) agree with the reference', () => {
    const r = rng(13);
    const k = 2048;
    const n = 2100;
    const w = makeContiguous('float32', [k, n], randomValues('float32', k * n, r));
    const x = makeContiguous('float32', [1, k], randomValues('float32', k, r));
    const xt = makeContiguous('float32', [k, 1], toNumbers(x));
    const cases: [string, Strided, Strided, number[]][] = [
      ['x @ W', x, w, [1, n]],
      ['x @ (W^T)^T', x, transposedView(makeContiguous('float32', [n, k], toNumbers(transposedView(w)))), [1, n]],
      ['W^T @ x', transposedView(w), xt, [n, 1]],
    ];
    for (const [label, a, b, sizes] of cases) {
      expectAllClose(
        () => {
          const c = makeContiguous('float32', sizes, new Array(n).fill(1));
          gemm(c, a, b, { alpha: 0.5, beta: -1 });
          return toNumbers(c);
        },
        'float32',
        k,
        label,
      );
    }
  });

  it('k = 0 gives beta * out (zeros for beta = 0), empty outputs do nothing', () => {
    for (const path of availableKernelPaths()) {
      withPath(path, () => {
        const a = makeContiguous('float32', [2, 0]);
        const b = makeContiguous('float32', [0, 3]);
        const out = makeContiguous('float32', [2, 3], [1, 2, 3, 4, 5, 6]);
        gemm(out, a, b, { beta: 2 });
        expect(toNumbers(out)).toEqual([2, 4, 6, 8, 10, 12]);
        const nan = makeContiguous('float32', [2, 3], new Array(6).fill(Number.NaN));
        mm(nan, a, b);
        expect(toNumbers(nan)).toEqual([0, 0, 0, 0, 0, 0]);
        const empty = makeContiguous('float32', [0, 3]);
        mm(empty, makeContiguous('float32', [0, 4]), makeContiguous('float32', [4, 3]));
        expect(toNumbers(empty)).toEqual([]);
      });
    }
  });

  it('broadcasts a batch of 1 (batch stride 0) and a 2-d operand over the batch', () => {
    const r = rng(3);
    const a = makeContiguous('float32', [1, 4, 5], randomValues('float32', 20, r));
    const b = makeContiguous('float32', [3, 5, 6], randomValues('float32', 90, r));
    const out = makeContiguous('float32', [3, 4, 6]);
    gemm(out, a, b);
    const an = toNumbers(a);
    const bn = toNumbers(b);
    const expected = [0, 1, 2].flatMap((q) => matmulNumbers(an, bn.slice(q * 30, q * 30 + 30), 4, 6, 5));
    expect(closeTo(toNumbers(out), expected, 1e-5, 1e-5)).toBeNull();
    const a2 = makeContiguous('float32', [4, 5], an);
    const out2 = makeContiguous('float32', [3, 4, 6]);
    gemm(out2, a2, b);
    expect(toNumbers(out2)).toEqual(toNumbers(out));
  });

  it('runs many small batched products in parallel', () => {
    const r = rng(21);
    const a = makeContiguous('float64', [64, 8, 9], randomValues('float64', 64 * 72, r));
    const b = makeStrided('float64', [64, 9, 7], randomValues('float64', 64 * 63, r), 'transposed');
    expectAllClose(
      () => {
        const out = makeContiguous('float64', [64, 8, 7]);
        bmm(out, a, b);
        return toNumbers(out);
      },
      'float64',
      9,
      'bmm 64x8x9x7',
    );
  });

  it('rejects malformed calls with PyTorch-like messages', () => {
    const f = (s: number[], d: DType = 'float32') => makeContiguous(d, s);
    expect(() => mm(f([2, 2]), f([2, 3]), f([4, 5]))).toThrow(
      'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)',
    );
    expect(() => mm(f([2, 5]), f([2, 3, 1]), f([3, 5]))).toThrow('self must be a matrix');
    expect(() => mm(f([2, 5]), f([2, 3]), f([3]))).toThrow('mat2 must be a matrix');
    expect(() => mm(f([2, 5]), f([2, 3]), f([3, 5], 'float64'))).toThrow('expected scalar type Float but found Double');
    expect(() => mm(f([2, 5], 'int32'), f([2, 3], 'int32'), f([3, 5], 'int32'))).toThrow(/not implemented for 'Int'/);
    expect(() => mm(f([3, 5]), f([2, 3]), f([3, 5]))).toThrow(/out has sizes \[3, 5\]/);
    expect(() => bmm(f([2, 2, 5]), f([2, 3]), f([2, 3, 5]))).toThrow('batch1 must be a 3D tensor');
    expect(() => bmm(f([2, 2, 5]), f([2, 2, 3]), f([2, 4, 5]))).toThrow(
      'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].',
    );
    expect(() => addmm(f([2, 5]), f([3]), f([2, 3]), f([3, 5]))).toThrow(/must match/);
    expect(() => addmm(f([2, 5]), f([5]), f([2, 3]), f([3, 5]), { beta: '1' as unknown as number })).toThrow(
      /beta must be a number/,
    );
    expect(() => gemm(f([2, 2, 5]), f([3, 2, 3]), f([2, 3, 5]))).toThrow(/batch size of a/);
    const short = { ...f([2, 3]), strides: [4, 1] };
    expect(() => mm(f([2, 5]), short, f([3, 5]))).toThrow(KernelError);
    expect(() => mm({ ...f([5]), sizes: [2, 5], strides: [0, 1] }, f([2, 3]), f([3, 5]))).toThrow(
      /single memory location/,
    );
  });

  it('measures a positive FMA peak', () => {
    expect(fmaPeak(0.01)).toBeGreaterThan(0);
    expect(() => fmaPeak(-1)).toThrow(KernelError);
  });
});
