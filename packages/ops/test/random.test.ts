/**
 * The generator and the random ops: exact values against PyTorch 1.13 (recorded by
 * tooling/fixtures/gen_random_values.py), determinism under manualSeed, state save/restore, and
 * statistics over large draws (mean and variance within bounds many standard errors wide, so
 * that the tests are deterministic for the fixed seeds yet fail for a wrong distribution).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as K from '@tsjit/kernels';
import { describe, expect, it } from 'vitest';
import {
  allOps,
  DEFAULT_SEED,
  defaultGenerator,
  FloatScalar,
  Generator,
  initialSeed,
  manualSeed,
  OpRegistry,
  plainContext,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const fixtures = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'random-values.json'), 'utf8'));

function call(overload: string, args: unknown[], kwargs?: Record<string, unknown>): any {
  const o = registry.find(`aten::${overload}`);
  if (!o) throw new Error(`no overload ${overload}`);
  return o.impl(o.bind(args, kwargs), ctx, o);
}
const values = (t: TensorLike) => tensorValues(ctx, t);
const tensor = (vals: number[], sizes: number[] = [vals.length], dtype: any = 'float32') =>
  tensorFromValues(ctx, vals, sizes, dtype);
/** zeros(sizes).t(): a transposed view of a contiguous 2-d tensor. */
const transposed = (sizes: [number, number], dtype: any) => {
  const base = tensorFromValues(ctx, new Array(sizes[0] * sizes[1]).fill(0), sizes, dtype);
  return ctx.view(base, [sizes[1], sizes[0]], [1, sizes[1]], 0);
};
const seeded = <T>(seed: number, fn: () => T): T => {
  manualSeed(seed);
  return fn();
};

function expectClose(actual: number[], expected: number[], rtol = 0, atol = 0): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const tol = atol + rtol * Math.abs(expected[i]);
    if (Math.abs(actual[i] - expected[i]) > tol) {
      expect.fail(`element ${i}: ${actual[i]} != ${expected[i]} (tolerance ${tol})`);
    }
  }
}

function cat(ts: TensorLike[]): number[] {
  return ts.flatMap((t) => values(t));
}

// Each case replays the calls of gen_random_values.py. Exact (bit for bit) unless a tolerance is given:
// PyTorch's AVX2 float32 normal path (16+ elements) uses approximate log/sin/cos.
const CASES: Record<string, { run: () => TensorLike | number[]; rtol?: number; atol?: number }> = {
  rand_5: { run: () => seeded(0, () => call('rand', [[5]])) },
  rand_3_f64: { run: () => seeded(0, () => call('rand', [[3]], { dtype: 'float64' })) },
  rand_2x3_seed42: { run: () => seeded(42, () => call('rand', [[2, 3]])) },
  randn_4: { run: () => seeded(0, () => call('randn', [[4]])) },
  randn_20: { run: () => seeded(0, () => call('randn', [[20]])), atol: 2e-6 },
  randn_5_f64: { run: () => seeded(1, () => call('randn', [[5]], { dtype: 'float64' })) },
  randn_33_f64: { run: () => seeded(2, () => call('randn', [[33]], { dtype: 'float64' })), rtol: 1e-14, atol: 1e-15 },
  randint_3_10: { run: () => seeded(0, () => call('randint.low', [3, 10, [6]])) },
  randint_big: { run: () => seeded(0, () => call('randint.low', [-(2 ** 40), 2 ** 40, [3]])) },
  randperm_10: { run: () => seeded(0, () => call('randperm', [10])) },
  randperm_30: { run: () => seeded(3, () => call('randperm', [30])) },
  normal_float_float: { run: () => seeded(4, () => call('normal.float_float', [2, 3, [5]])) },
  normal_tensor_float: {
    run: () => seeded(4, () => call('normal.Tensor_float', [tensor([0, 1, 2, 3]), 0.5])),
  },
  bernoulli_p_tensor: { run: () => seeded(0, () => call('bernoulli', [tensor(new Array(8).fill(0.3))])) },
  bernoulli_p_tensor_f64: {
    run: () => seeded(0, () => call('bernoulli', [tensor(new Array(8).fill(0.3), [8], 'float64')])),
  },
  bernoulli_scalar: { run: () => seeded(0, () => call('bernoulli_.float', [tensor(new Array(8).fill(0)), 0.3])) },
  dropout: { run: () => seeded(0, () => call('dropout', [tensor(new Array(10).fill(1)), 0.4, true])) },
  feature_dropout: {
    run: () => seeded(0, () => call('feature_dropout', [tensor(new Array(12).fill(1), [2, 3, 2]), 0.5, true])),
  },
  alpha_dropout: { run: () => seeded(0, () => call('alpha_dropout', [tensor(new Array(6).fill(1)), 0.5, true])) },
  uniform_: { run: () => seeded(0, () => call('uniform_', [tensor([0, 0, 0]), -2, 5])) },
  uniform_transposed: {
    run: () => seeded(0, () => call('uniform_', [transposed([3, 2], 'float32')])),
  },
  normal_transposed_f64: {
    run: () => seeded(1, () => call('normal_', [transposed([3, 2], 'float64')])),
  },
  bernoulli_transposed: {
    run: () => seeded(2, () => call('bernoulli_.float', [transposed([3, 2], 'float32'), 0.5])),
  },
  bernoulli_tensor_transposed: {
    run: () =>
      seeded(3, () =>
        call('bernoulli_.Tensor', [transposed([3, 2], 'float32'), tensor([0.2, 0.9, 0.5, 0.6, 0.1, 0.4], [2, 3])]),
      ),
  },
  dropout_transposed: {
    run: () =>
      seeded(4, () => {
        const base = tensor([1, 2, 3, 4, 5, 6], [3, 2]);
        return call('dropout', [ctx.view(base, [2, 3], [1, 2], 0), 0.5, true]);
      }),
  },
  exponential_f64: {
    run: () => seeded(0, () => call('exponential_', [tensor([0, 0, 0, 0], [4], 'float64'), 2])),
    rtol: 1e-15,
  },
  multinomial_no_replacement: {
    run: () => seeded(0, () => call('multinomial', [tensor([0.1, 0.2, 0.3, 0.15, 0.25, 1, 0, 2, 3, 0.5], [2, 5]), 3])),
  },
  multinomial_one: { run: () => seeded(6, () => call('multinomial', [tensor([0.2, 0.5, 0.3]), 1, true])) },
  multinomial_replacement: { run: () => seeded(1, () => call('multinomial', [tensor([0.1, 0.2, 0.7]), 10, true])) },
  multinomial_replacement_f64: {
    run: () => seeded(2, () => call('multinomial', [tensor([1, 2, 3, 0, 5, 1], [2, 3], 'float64'), 6, true])),
  },
  sequence: {
    run: () =>
      seeded(5, () =>
        cat([call('rand', [[2]]), call('randn', [[3]]), call('randn', [[1]]), call('randint.low', [0, 5, [3]])]),
      ),
  },
};

describe('random ops reproduce PyTorch 1.13 under manual_seed', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const want = fixtures[name];
      expect(want, `fixture ${name}`).toBeDefined();
      const r = c.run();
      const got = Array.isArray(r) ? r : values(r);
      if (!Array.isArray(r)) {
        expect([...r.sizes]).toEqual(want.sizes);
        expect(r.dtype).toBe(want.dtype);
      }
      expectClose(got, want.values, c.rtol ?? 0, c.atol ?? 0);
    });
  }

  it('has every fixture case', () => {
    const names = Object.keys(fixtures).filter((k) => k !== 'initial_seed_default');
    expect(names.sort()).toEqual(Object.keys(CASES).sort());
  });
});

describe('generator', () => {
  it('starts from PyTorch default seed and reports manual seeds', () => {
    expect(new Generator().initialSeed()).toBe(DEFAULT_SEED);
    expect(fixtures.initial_seed_default.value).toBe(DEFAULT_SEED);
    manualSeed(7);
    expect(initialSeed()).toBe(7);
    manualSeed(-1);
    expect(initialSeed()).toBe(2n ** 64n - 1n);
  });

  it('is deterministic under manualSeed', () => {
    const a = seeded(123, () => values(call('randn', [[50]])));
    const b = seeded(123, () => values(call('randn', [[50]])));
    const c = seeded(124, () => values(call('randn', [[50]])));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('replays from a saved state, including the cached normal sample', () => {
    manualSeed(9);
    call('randn', [[3]]); // leaves a cached Box-Muller sample
    const state = defaultGenerator.getState();
    const first = values(call('randn', [[5]]));
    defaultGenerator.setState(state);
    expect(values(call('randn', [[5]]))).toEqual(first);
  });

  it('separate generators do not share state', () => {
    const g1 = new Generator(3);
    const g2 = new Generator(3);
    const a = values(call('rand.generator', [[4]], { generator: g1 }));
    manualSeed(0);
    call('rand', [[10]]);
    expect(values(call('rand.generator', [[4]], { generator: g2 }))).toEqual(a);
  });

  it('rejects a non-state and a non-integer seed', () => {
    expect(() => defaultGenerator.setState({} as any)).toThrow(/not a generator state/);
    expect(() => manualSeed(1.5)).toThrow(/integer seed/);
  });
});

function stats(v: number[]): { mean: number; variance: number } {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1);
  return { mean, variance };
}

describe('distributions', () => {
  const N = 20000;
  it('rand is uniform on [0, 1)', () => {
    const v = seeded(11, () => values(call('rand', [[N]])));
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThan(1);
    const s = stats(v);
    expect(Math.abs(s.mean - 0.5)).toBeLessThan(0.01); // SE ~ 0.002
    expect(Math.abs(s.variance - 1 / 12)).toBeLessThan(0.004);
  });

  it('randn and normal have the requested mean and variance', () => {
    for (const dtype of ['float32', 'float64']) {
      const v = seeded(12, () => values(call('randn', [[N]], { dtype })));
      const s = stats(v);
      expect(Math.abs(s.mean)).toBeLessThan(0.03); // SE ~ 0.007
      expect(Math.abs(s.variance - 1)).toBeLessThan(0.05);
    }
    const w = seeded(13, () => values(call('normal.float_float', [3, 2, [N]])));
    const s = stats(w);
    expect(Math.abs(s.mean - 3)).toBeLessThan(0.06);
    expect(Math.abs(s.variance - 4)).toBeLessThan(0.2);
    // The serial path (non-contiguous in-place fill) has the same distribution.
    const base = tensor(new Array(2 * N).fill(0), [N, 2]);
    const column = ctx.view(base, [N], [2], 0);
    seeded(14, () => call('normal_', [column, -1, 0.5]));
    const c = stats(values(column));
    expect(Math.abs(c.mean + 1)).toBeLessThan(0.015);
    expect(Math.abs(c.variance - 0.25)).toBeLessThan(0.015);
    expect(values(ctx.view(base, [N], [2], 1)).every((x) => x === 0)).toBe(true);
  });

  it('randint covers [low, high) uniformly', () => {
    const v = seeded(15, () => values(call('randint.low', [-3, 4, [N]])));
    const counts = new Map<number, number>();
    for (const x of v) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    for (const n of counts.values()) expect(Math.abs(n - N / 7)).toBeLessThan(200); // SD ~ 50
  });

  it('randperm is a permutation', () => {
    const v = seeded(16, () => values(call('randperm', [1000])));
    expect([...v].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(v).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('bernoulli draws ones with probability p', () => {
    const v = seeded(17, () => values(call('bernoulli.p', [tensor(new Array(N).fill(0)), 0.3])));
    expect(v.every((x) => x === 0 || x === 1)).toBe(true);
    expect(Math.abs(stats(v).mean - 0.3)).toBeLessThan(0.015); // SE ~ 0.003
    const p = tensor(Array.from({ length: N }, (_, i) => (i % 2 ? 0.9 : 0.1)));
    const w = seeded(18, () => values(call('bernoulli', [p])));
    const odd = w.filter((_, i) => i % 2);
    const even = w.filter((_, i) => !(i % 2));
    expect(Math.abs(stats(odd).mean - 0.9)).toBeLessThan(0.015);
    expect(Math.abs(stats(even).mean - 0.1)).toBeLessThan(0.015);
  });

  it('exponential_ has mean 1 / lambda', () => {
    const v = seeded(19, () => values(call('exponential_', [tensor(new Array(N).fill(0)), 4])));
    expect(v.every((x) => x >= 0)).toBe(true);
    expect(Math.abs(stats(v).mean - 0.25)).toBeLessThan(0.01);
  });
});

describe('dropout', () => {
  const N = 20000;
  it('scales kept elements by 1 / (1 - p) and drops about p of them', () => {
    const x = tensor(Array.from({ length: N }, (_, i) => 1 + (i % 5)));
    const xs = values(x);
    const y = seeded(20, () => values(call('dropout', [x, 0.25, true])));
    let dropped = 0;
    y.forEach((v, i) => {
      if (v === 0) dropped++;
      else expect(v).toBeCloseTo(xs[i] / 0.75, 5);
    });
    expect(Math.abs(dropped / N - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(stats(y).mean - stats(xs).mean)).toBeLessThan(0.1);
  });

  it('is the identity when not training or p = 0, and zero for p = 1', () => {
    const x = tensor([1, -2, 3]);
    expect(call('dropout', [x, 0.5, false])).toBe(x);
    expect(call('dropout', [x, 0, true])).toBe(x);
    expect(values(call('dropout', [x, 1, true]))).toEqual([0, -0, 0]);
    const y = tensor([4, 5]);
    expect(call('dropout_', [y, 0.5, false])).toBe(y);
    expect(values(y)).toEqual([4, 5]);
  });

  it('feature dropout drops whole channels', () => {
    const x = tensor(new Array(4 * 50 * 6).fill(1), [4, 50, 6]);
    const y = values(seeded(21, () => call('feature_dropout', [x, 0.5, true])));
    for (let c = 0; c < 200; c++) {
      const row = y.slice(c * 6, c * 6 + 6);
      expect(row.every((v) => v === row[0])).toBe(true);
      expect([0, 2]).toContain(row[0]);
    }
  });

  it('alpha dropout keeps mean 0 and variance 1 for standard normal inputs', () => {
    const x = seeded(22, () => call('randn', [[N]]));
    const y = values(call('alpha_dropout', [x, 0.2, true]));
    const s = stats(y);
    expect(Math.abs(s.mean)).toBeLessThan(0.04);
    expect(Math.abs(s.variance - 1)).toBeLessThan(0.06);
  });

  it('native_dropout returns the mask it applied', () => {
    const x = tensor(Array.from({ length: 100 }, (_, i) => i + 1));
    const [y, mask] = seeded(23, () => call('native_dropout', [x, 0.5, true]));
    expect(mask.dtype).toBe('bool');
    const m = values(mask);
    values(y).forEach((v, i) => {
      expect(v).toBe(m[i] ? (i + 1) * 2 : 0);
    });
    const g = values(call('native_dropout_backward', [tensor(new Array(100).fill(1)), mask, 2]));
    g.forEach((v, i) => {
      expect(v).toBe(m[i] * 2);
    });
  });
});

describe('samples use Python floats where PyTorch needs them', () => {
  it('normal accepts a FloatScalar mean', () => {
    const v = seeded(0, () => values(call('normal.float_float', [new FloatScalar(0), 0, [2]])));
    expect(v).toEqual([0, 0]);
  });
});

describe('dropout derivative rules', () => {
  // ne and div belong to the pointwise family: stand-ins on the binary kernel (scalar other).
  const G = { ...ctx.F };
  const binaryScalar = (op: 'ne' | 'div', bool: boolean) => (x: TensorLike, v: number) => {
    const s = tensorFromValues(ctx, [v], [], x.dtype);
    const out = ctx.empty(x.sizes, bool ? 'bool' : x.dtype);
    K.binary(op, out, x, s);
    return out;
  };
  G.ne = binaryScalar('ne', true);
  G.div = binaryScalar('div', false);

  const rule = (name: string) => {
    const o = registry.find(`aten::${name}`);
    if (!o) throw new Error(name);
    return (args: Record<string, unknown>) => o.op.derivativeFor(o)?.(G, args as never) as Record<string, TensorLike>;
  };

  it('dropout passes grad / (1 - p) where an element was kept, 0 where dropped', () => {
    const x = tensor(Array.from({ length: 200 }, (_, i) => (i % 7) - 3.5));
    const y = seeded(30, () => call('dropout', [x, 0.3, true]));
    const grad = tensor(Array.from({ length: 200 }, (_, i) => i / 10));
    const g = values(rule('dropout')({ grad, grads: [grad], result: y, input: x, p: 0.3, train: true }).input);
    const ys = values(y);
    g.forEach((v, i) => {
      expect(v).toBeCloseTo(ys[i] === 0 ? 0 : i / 10 / 0.7, 5);
    });
    expect(rule('dropout')({ grad, grads: [grad], result: x, input: x, p: 0.3, train: false }).input).toBe(grad);
  });

  it('alpha dropout passes a * grad where an element was kept', () => {
    const x = tensor(Array.from({ length: 200 }, (_, i) => (i % 5) + 0.5));
    const p = 0.4;
    const y = values(seeded(31, () => call('alpha_dropout', [x, p, true])));
    const alpha = 1.7580993408473766;
    const a = 1 / Math.sqrt((alpha * alpha * p + 1) * (1 - p));
    const dropped = Math.fround(-Math.fround(alpha * a) + Math.fround(alpha * a * p));
    const grad = tensor(new Array(200).fill(1));
    const yt = tensor(y);
    const g = values(rule('alpha_dropout')({ grad, grads: [grad], result: yt, input: x, p, train: true }).input);
    let kept = 0;
    g.forEach((v, i) => {
      const isKept = y[i] !== dropped;
      if (isKept) kept++;
      expect(v).toBeCloseTo(isKept ? a : 0, 5);
    });
    expect(kept).toBeGreaterThan(80);
    expect(kept).toBeLessThan(160);
  });
});
