/**
 * Test helpers of the element-wise families (not exported from the package): running a kernel call
 * on every kernel path and thread count and comparing each result with the reference path's.
 */
import { expect } from 'vitest';
import { type DType, dtypes, isFloating } from './dtype.js';
import { availableKernelPaths } from './runtime.js';
import { numel, type Strided } from './strided.js';
import { closeTo, type Layout, makeStrided, randInt, randomValue, withPath } from './test-utils.js';

export const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];

/** Tolerances for comparing a fast path with the reference (FMA contraction, vector math). */
export function tolerance(dtype: DType): [number, number] {
  switch (dtype) {
    case 'float32':
      return [2e-5, 2e-5];
    case 'float64':
      return [1e-12, 1e-12];
    case 'float16':
      return [3e-3, 2e-3];
    case 'bfloat16':
      return [2e-2, 1e-2];
    default:
      return [0, 0];
  }
}

/**
 * Runs `run` (which makes fresh operands, calls the kernel and returns the output's values) on every
 * available path with 1 and 2 threads and expects each to match the reference path.
 */
export function expectPathsAgree(label: string, outDtype: DType, run: () => number[]): number[] {
  const ref = withPath('reference', run, 1);
  const [rtol, atol] = tolerance(outDtype);
  for (const path of availableKernelPaths().slice(1)) {
    for (const threads of [1, 2]) {
      const got = withPath(path, run, threads);
      if (rtol === 0) {
        expect(got, `${label} on ${path} with ${threads} threads`).toEqual(ref);
      } else {
        const err = closeTo(got, ref, rtol, atol);
        expect(err, `${label} on ${path} with ${threads} threads`).toBeNull();
      }
    }
  }
  return ref;
}

/** A random value for dtype, with the special floats (NaN, infinities, signed zeros) now and then. */
export function randomSpecial(dtype: DType, r: () => number, special = 0.05): number {
  if (isFloating(dtype) && r() < special) {
    const s = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 0.5, -0.5, 1, -1, 2.5];
    return s[Math.floor(r() * s.length)];
  }
  return randomValue(dtype, r);
}

/** Sizes that broadcast to `sizes`: leading dimensions dropped, some set to 1. */
export function broadcastFrom(sizes: readonly number[], r: () => number): number[] {
  return sizes.slice(Math.floor(r() * (sizes.length + 1))).map((s) => (r() < 0.3 ? 1 : s));
}

export function randomTensor(
  dtype: DType,
  sizes: readonly number[],
  r: () => number,
  layout: Layout,
  gen = randomSpecial,
): Strided {
  const vals = Array.from({ length: numel(sizes) }, () => gen(dtype, r));
  return makeStrided(dtype, sizes, vals, layout);
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[randInt(r, 0, xs.length - 1)];
}

export { dtypes };
