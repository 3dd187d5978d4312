import { Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from '../src/index.js';
import { OptimError } from '../src/optim/index.js';
import { expectClose, type FlatTensor, type JsonNumber, jsonNumber, loadGoldens, toTensor } from './optim-goldens.js';

interface Goldens {
  grads: FlatTensor[];
  norm: {
    name: string;
    maxNorm: number;
    normType: JsonNumber;
    single: boolean;
    grads: (FlatTensor | null)[];
    totalNorm: JsonNumber;
    clipped: (FlatTensor | null)[];
  }[];
  errors: { normType: JsonNumber; bad: JsonNumber; message: string; grads: FlatTensor[] }[];
  value: { clipValue: number; clipped: (FlatTensor | null)[] }[];
  empty: number;
}

const goldens = loadGoldens<Goldens>('clip.json.gz');

function paramsWith(grads: (FlatTensor | null)[]): Tensor[] {
  return grads.map((g, i) => {
    const p = Tensor.empty(goldens.grads[i].sizes, 'float32');
    p.grad = g === null ? null : toTensor(g);
    return p;
  });
}

describe('clipGradNorm against PyTorch 1.13', () => {
  for (const c of goldens.norm) {
    it(`${c.name}: the total norm and the clipped gradients`, () => {
      const params = paramsWith(c.grads);
      const total = clipGradNorm(c.single ? params[0] : params, c.maxNorm, jsonNumber(c.normType));
      expect(total.dtype).toBe('float32');
      expect(total.dim()).toBe(0);
      expectClose(total, { sizes: [], data: [c.totalNorm] }, `${c.name} total`, 1e-5);
      params.forEach((p, i) => {
        const e = c.clipped[i];
        if (e === null) expect(p.grad).toBeNull();
        else expectClose(p.grad as Tensor, e, `${c.name} grad ${i}`, 1e-5);
      });
    });
  }

  it('with no gradient at all returns tensor(0.) and clips nothing', () => {
    const total = clipGradNorm([Tensor.empty([2], 'float32')], 1.0);
    expect(total.item()).toBe(goldens.empty);
    expect(total.dtype).toBe('float32');
  });

  for (const e of goldens.errors) {
    it(`errorIfNonfinite: order ${e.normType} with ${e.bad} throws PyTorch's error and leaves the grads`, () => {
      const params = paramsWith(goldens.grads);
      const bad = jsonNumber(e.bad);
      const g1 = params[1].grad as Tensor;
      g1.select(0, 0).fill_(bad);
      const call = () => clipGradNorm(params, 1.0, jsonNumber(e.normType), true);
      expect(call).toThrow(e.message);
      try {
        call();
      } catch (err) {
        expect(OptimError.isInstance(err)).toBe(true);
        expect((err as OptimError).pyType).toBe('RuntimeError');
      }
      params.forEach((p, i) => {
        expectClose(p.grad as Tensor, e.grads[i], `grad ${i}`, 0, 0);
      });
    });
  }

  it('takes the norm type and errorIfNonfinite as an options object too', () => {
    const params = paramsWith(goldens.norm.find((c) => c.name === 'inf')?.grads as FlatTensor[]);
    const c = goldens.norm.find((x) => x.name === 'inf') as Goldens['norm'][number];
    const total = clipGradNorm(params, c.maxNorm, { normType: Number.POSITIVE_INFINITY });
    expectClose(total, { sizes: [], data: [c.totalNorm] }, 'total', 1e-6);
  });
});

describe('clipGradValue against PyTorch 1.13', () => {
  for (const c of goldens.value) {
    it(`clamps to ±${c.clipValue} and skips parameters without a gradient`, () => {
      const params = paramsWith(goldens.grads.map((g, i) => (i === 2 ? null : g)));
      const before = params.map((p) => p.grad);
      clipGradValue(params, c.clipValue);
      params.forEach((p, i) => {
        const e = c.clipped[i];
        if (e === null) expect(p.grad).toBeNull();
        else {
          // In place: the same gradient tensor, its values clamped.
          expect(p.grad).toBe(before[i]);
          expectClose(p.grad as Tensor, e, `grad ${i}`, 0, 0);
        }
      });
    });
  }
});
