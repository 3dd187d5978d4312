import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installAutograd, noGrad } from '@tsjit/autodiff';
import { torchLoad } from '@tsjit/serialize';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { expectTensorsClose } from './tensor-compare.js';

// Goldens: tooling/fixtures/gen_nn_weight_norm.py (PyTorch 1.13).
const dir = join(import.meta.dirname, 'fixtures', 'weight-norm');
const io = torchLoad(join(dir, 'io.pt')) as Record<string, any>;
const errors = JSON.parse(readFileSync(join(dir, 'errors.json'), 'utf8')).errors as Record<string, string>;
const U = nn.utils;

const makers: Record<string, () => nn.Module> = {
  linear_dim0: () => new nn.Linear(4, 3),
  linear_dim_none: () => new nn.Linear(4, 3),
  conv1d_dim1: () => new nn.Conv1d(2, 3, 3),
  conv1d_dim2: () => new nn.Conv1d(2, 3, 3),
};
const asMap = (o: Record<string, Tensor>) => new Map(Object.entries(o));

beforeAll(() => installAutograd());

describe('nn.utils.weightNorm / removeWeightNorm equal PyTorch 1.13', () => {
  for (const [name, make] of Object.entries(makers)) {
    it(name, () => {
      const c = io[name];
      const m = make();
      m.loadStateDict(asMap(c.before), { strict: true });
      U.weightNorm(m, 'weight', c.dim === -1 ? null : c.dim);
      const state = m.stateDict();
      expect([...state.keys()]).toEqual(c.after_keys);
      expectTensorsClose(state, asMap(c.after), 1e-6, 'state after weight_norm');
      const out = m.call(c.input) as Tensor;
      expectTensorsClose(out, c.output, 1e-5, 'output');
      T.sum(T.mul(out, c.w)).backward();
      const grads = new Map(m.namedParameters().map(([k, p]) => [k, p.grad as Tensor]));
      expectTensorsClose(grads, asMap(c.grads), 1e-4, 'grads');
      // The weight is recomputed from g and v before every forward.
      noGrad(() => T.mul_((m as unknown as Record<string, Tensor>).weight_g, 1.5));
      expectTensorsClose(T.detach(m.call(c.input) as Tensor), c.output_scaled_g, 1e-5, 'output after scaling g');
      U.removeWeightNorm(m);
      const removed = m.stateDict();
      expect([...removed.keys()]).toEqual(c.removed_keys);
      expectTensorsClose(removed, asMap(c.removed), 1e-5, 'state after remove_weight_norm');
      expect((m as unknown as Record<string, Tensor>).weight).toBeInstanceOf(nn.Parameter);
    });
  }

  it('errors: twice on one parameter, removing what is not there', () => {
    const m = U.weightNorm(new nn.Linear(2, 2));
    expect(() => U.weightNorm(m)).toThrow(errors.twice);
    expect(() => U.removeWeightNorm(new nn.Linear(2, 2))).toThrow(errors.not_found);
  });

  it('parametersToVector and vectorToParameters', () => {
    const c = io.vector;
    const m = new nn.Linear(3, 2);
    const before = new Map(Object.entries(c.state as Record<string, Tensor>));
    const vec = U.parametersToVector(m.parameters());
    expect(vec.sizes).toEqual(c.vec.sizes);
    U.vectorToParameters(T.arange(vec.numel(), { dtype: 'float32' }), m.parameters());
    expectTensorsClose(m.stateDict(), before, 0, 'parameters from the vector');
  });
});
