import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BinaryOp, binary } from './binary.js';
import { availableKernelPaths } from './runtime.js';
import { closeTo, makeContiguous, toNumbers, withPath } from './test-utils.js';
import { UNARY_OPS, type UnaryOptions, unary } from './unary.js';

// PyTorch's float64 results on random and special inputs (fixtures/elementwise-torch-f64.py).
const o = JSON.parse(
  readFileSync(new URL('./fixtures/elementwise-torch-f64.json', import.meta.url), 'utf8'),
  (_k, v) =>
    v === null ? Number.NaN : v === 'inf' ? Number.POSITIVE_INFINITY : v === '-inf' ? Number.NEGATIVE_INFINITY : v,
) as Record<string, number[]>;

const options: Record<string, UnaryOptions> = {
  softplus: { beta: 2, threshold: 3 },
  elu: { alpha: 1.5 },
  leaky_relu: { negativeSlope: 0.2 },
  hardtanh: { min: -1.5, max: 2 },
  threshold: { threshold: 0.5, value: -7 },
};

describe('element-wise ops against PyTorch (float64)', () => {
  it('unary ops match PyTorch on every path', () => {
    let compared = 0;
    for (const path of availableKernelPaths()) {
      withPath(path, () => {
        for (const op of UNARY_OPS) {
          if (!(op in o)) continue;
          const xv = op === 'erfinv' ? o.x.map((v) => v / 10) : o.x;
          const out = makeContiguous('float64', [xv.length]);
          unary(op, out, makeContiguous('float64', [xv.length], xv), options[op] ?? {});
          expect(closeTo(toNumbers(out), o[op], 1e-9, 1e-12), `${op} on ${path}`).toBeNull();
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThanOrEqual(52 * availableKernelPaths().length);
  });

  it('binary ops match PyTorch on every path', () => {
    const a = makeContiguous('float64', [o.a.length], o.a);
    const b = makeContiguous('float64', [o.b.length], o.b);
    const ops = Object.keys(o).filter((k) => k.startsWith('b_'));
    expect(ops.length).toBe(17);
    for (const path of availableKernelPaths()) {
      withPath(path, () => {
        for (const k of ops) {
          const op = k.slice(2) as BinaryOp;
          const out = makeContiguous('float64', [o.a.length]);
          binary(op, out, a, b, op === 'add' ? { alpha: 0.5 } : {});
          expect(closeTo(toNumbers(out), o[k], 1e-9, 1e-12), `${op} on ${path}`).toBeNull();
        }
      });
    }
  });
});
