import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DType } from '@tsjit/kernels';
import { describe, expect, it } from 'vitest';
import { type FormatTensorInput, formatTensor, type PrintOptions } from '../src/format.js';

interface Case {
  name: string;
  dtype: DType;
  sizes: number[];
  values: (number | string | boolean)[];
  requiresGrad: boolean;
  gradFn: string | null;
  options: Record<string, number | string | boolean>;
  repr: string;
}

const cases: Case[] = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'format-cases.json'), 'utf8'));

const SPECIAL: Record<string, number> = {
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

function input(c: Case): FormatTensorInput {
  const values = c.values.map((v) => {
    if (typeof v !== 'string') return v;
    return c.dtype === 'int64' ? BigInt(v) : SPECIAL[v];
  });
  return {
    dtype: c.dtype,
    sizes: c.sizes,
    values,
    requiresGrad: c.requiresGrad,
    ...(c.gradFn === null ? {} : { gradFn: c.gradFn }),
  };
}

function options(c: Case): Partial<PrintOptions> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c.options)) out[key] = value === 'inf' ? Number.POSITIVE_INFINITY : value;
  return out as Partial<PrintOptions>;
}

describe('formatTensor matches PyTorch 1.13 repr (tooling/fixtures/gen_format.py)', () => {
  it('has enough cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(formatTensor(input(c), options(c))).toBe(c.repr);
  });
});
