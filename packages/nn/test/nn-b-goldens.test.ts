import { manualSeed, type Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { buildCase, type Case, cases, io, loadState, runCase } from './nn-b-fixtures.js';

function expectClose(actual: Tensor | null, expected: Tensor | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const a = actual as Tensor;
  expect(a.sizes, `${what} sizes`).toEqual(expected.sizes);
  expect(a.dtype, `${what} dtype`).toBe(expected.dtype);
  const got = a.toFlatArray() as number[];
  const want = expected.toFlatArray() as number[];
  for (let i = 0; i < want.length; i++) {
    const tol = 2e-5 + 1e-4 * Math.abs(want[i]);
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      throw new Error(`${what}[${i}]: got ${got[i]}, PyTorch ${want[i]}`);
    }
  }
}

function check(c: Case): void {
  const caseIO = io[c.name];
  manualSeed(c.seed);
  const fresh = buildCase(c).train(c.train);
  expect(String(fresh)).toBe(c.repr);
  if (c.has_state) {
    const saved = loadState(c.name);
    const own = fresh.stateDict();
    // manualSeed then construction draws PyTorch's default initialization bit for bit.
    expect([...own.keys()]).toEqual([...saved.keys()]);
    for (const [key, value] of saved) {
      expect(own.get(key)?.toFlatArray(), `${c.name}: initial ${key}`).toEqual(value.toFlatArray());
    }
    // Built under another seed, the module takes PyTorch's weights through a strict load.
    manualSeed(c.seed + 777);
    const other = buildCase(c).train(c.train);
    other.loadStateDict(saved, { strict: true });
    runCase(other, c, caseIO).forEach((out, i) => {
      expectClose(out, caseIO.outputs[i], `${c.name} output ${i}`);
    });
  } else {
    expect(fresh.stateDict().size).toBe(0);
  }
  const outputs = runCase(fresh, c, caseIO);
  expect(outputs.length).toBe(caseIO.outputs.length);
  outputs.forEach((out, i) => {
    expectClose(out, caseIO.outputs[i], `${c.name} output ${i}`);
  });
}

const groups: [string, (c: Case) => boolean][] = [
  ['recurrent layers and cells', (c) => /^(RNN|LSTM|GRU)/.test(c.class)],
  ['MultiheadAttention', (c) => c.class === 'MultiheadAttention'],
  ['Transformer layers and stacks', (c) => c.class.startsWith('Transformer')],
  ['losses', (c) => c.class.endsWith('Loss')],
];

describe('nn-b layers against PyTorch 1.13 (torch.save state dicts, default init, outputs)', () => {
  it('covers every generated case', () => {
    const covered = cases.filter((c) => groups.some(([, f]) => f(c)));
    expect(covered.map((c) => c.name)).toEqual(cases.map((c) => c.name));
  });
  for (const [title, filter] of groups) {
    describe(title, () => {
      for (const c of cases.filter(filter)) it(c.name, () => check(c));
    });
  }
});
