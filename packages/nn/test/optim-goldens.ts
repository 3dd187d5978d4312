/** Reading the PyTorch goldens of tooling/fixtures/gen_optim_goldens.py and comparing tensors with them. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fromArray, type Tensor } from '@tsjit/tensor';
import { expect } from 'vitest';

export type JsonNumber = number | 'inf' | '-inf' | 'nan';
export interface FlatTensor {
  sizes: number[];
  data: JsonNumber[];
  dtype?: string;
}

export function loadGoldens<T>(name: string): T {
  const path = new URL(`./fixtures/optim/${name}`, import.meta.url);
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as T;
}

export function jsonNumber(v: JsonNumber): number {
  if (v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-inf') return Number.NEGATIVE_INFINITY;
  if (v === 'nan') return Number.NaN;
  return v;
}

export function toTensor(t: FlatTensor): Tensor {
  const dtype = t.dtype ?? 'float32';
  return fromArray(t.data.map(jsonNumber), t.sizes, { dtype });
}

/**
 * Float32 results of a chain of in-place updates. On the machine that generated the goldens they match PyTorch
 * bit for bit; the default tolerance (a few float32 ulps) leaves room for kernels that fuse multiply-adds (FMA)
 * differently on other CPUs.
 */
export function expectClose(actual: Tensor, expected: FlatTensor, what: string, rtol = 1e-6, atol = 1e-7): void {
  expect(actual.sizes, `${what}: sizes`).toEqual(expected.sizes);
  const a = actual.toFlatArray() as number[];
  const e = expected.data.map(jsonNumber);
  for (let i = 0; i < e.length; i++) {
    if (Number.isNaN(e[i])) {
      expect(Number.isNaN(a[i]), `${what}[${i}]: ${a[i]} vs nan`).toBe(true);
      continue;
    }
    if (!Number.isFinite(e[i])) {
      expect(a[i], `${what}[${i}]`).toBe(e[i]);
      continue;
    }
    const tol = atol + rtol * Math.abs(e[i]);
    expect(Math.abs(a[i] - e[i]), `${what}[${i}]: ${a[i]} vs ${e[i]}`).toBeLessThanOrEqual(tol);
  }
}
