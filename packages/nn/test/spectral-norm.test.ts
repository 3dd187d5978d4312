import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installAutograd } from '@tsjit/autodiff';
import { torchLoad } from '@tsjit/serialize';
import { manualSeed, torchOps as T, type Tensor } from '@tsjit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { expectTensorsClose } from './tensor-compare.js';

// Goldens: tooling/fixtures/gen_nn_spectral_norm.py (PyTorch 1.13).
const dir = join(import.meta.dirname, 'fixtures', 'spectral-norm');
const io = torchLoad(join(dir, 'io.pt')) as Record<string, any>;
const errors = JSON.parse(readFileSync(join(dir, 'errors.json'), 'utf8')).errors as Record<string, string>;
const U = nn.utils;

const cases: Record<string, [() => nn.Module, [number, number, number | null]]> = {
  linear: [() => new nn.Linear(5, 4), [1, 1e-12, null]],
  conv2d_2iter: [() => new nn.Conv2d(2, 3, 3), [2, 1e-12, null]],
  conv_transpose2d: [() => new nn.ConvTranspose2d(3, 2, 3), [1, 1e-12, null]],
  linear_dim1_eps: [() => new nn.Linear(3, 6), [1, 1e-3, 1]],
};
const asMap = (o: Record<string, Tensor>) => new Map(Object.entries(o));

beforeAll(() => installAutograd());

describe('nn.utils.spectralNorm / removeSpectralNorm equal PyTorch 1.13', () => {
  for (const [name, [make, [iterations, eps, dim]]] of Object.entries(cases)) {
    it(name, () => {
      const c = io[name];
      const m = make();
      m.loadStateDict(asMap(c.before), { strict: true });
      manualSeed(c.seed_norm);
      U.spectralNorm(m, 'weight', iterations, eps, dim);
      const applied = m.stateDict();
      expect([...applied.keys()]).toEqual(c.applied_keys);
      // u and v are drawn with normal_ from the seeded generator, as PyTorch draws them.
      expectTensorsClose(applied, asMap(c.applied), 1e-5, 'state after spectral_norm');
      m.loadStateDict(asMap(c.applied), { strict: true });
      expectTensorsClose(T.detach(m.call(c.input) as Tensor), c.out1, 1e-5, 'first forward');
      const out2 = m.call(c.input) as Tensor;
      expectTensorsClose(T.detach(out2), c.out2, 1e-5, 'second forward');
      T.sum(T.mul(out2, c.w)).backward();
      expectTensorsClose(m.stateDict(), asMap(c.after), 1e-5, 'u and v after two power iterations');
      const grads = new Map(m.namedParameters().map(([k, p]) => [k, p.grad as Tensor]));
      expectTensorsClose(grads, asMap(c.grads), 1e-4, 'grads');
      m.eval();
      expectTensorsClose(T.detach(m.call(c.input) as Tensor), c.out_eval, 1e-5, 'eval forward (no iteration)');
      U.removeSpectralNorm(m);
      expect([...m.stateDict().keys()]).toEqual(c.removed_keys);
      expectTensorsClose(m.stateDict(), asMap(c.removed), 1e-5, 'state after remove_spectral_norm');
    });
  }

  it('errors: twice on one parameter, removing what is not there, no power iteration', () => {
    const m = U.spectralNorm(new nn.Linear(2, 2));
    expect(() => U.spectralNorm(m)).toThrow(errors.twice);
    expect(() => U.removeSpectralNorm(new nn.Linear(2, 2))).toThrow(errors.not_found);
    expect(() => U.spectralNorm(new nn.Linear(2, 2), 'weight', 0)).toThrow(errors.iterations);
  });
});
