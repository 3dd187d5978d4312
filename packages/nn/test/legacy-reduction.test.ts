import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { torchLoad } from '@tsjit/serialize';
import type { Tensor } from '@tsjit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { expectTensorsClose } from './tensor-compare.js';

// Goldens: tooling/fixtures/gen_nn_legacy_reduction.py (PyTorch 1.13): every loss with the
// deprecated size_average / reduce, each combination, module and functional, and the warnings.
const dir = join(import.meta.dirname, 'fixtures', 'legacy-reduction');
const io = torchLoad(join(dir, 'io.pt')) as Record<string, any>;
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')).cases as Record<
  string,
  {
    functional: string;
    kwargs: Record<string, number>;
    tensor_kwargs: string[];
    combos: Record<string, [boolean | null, boolean | null]>;
    warnings: Record<string, string[]>;
  }
>;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const F = nn.functional as unknown as Record<string, (...args: unknown[]) => Tensor>;
const functionalNames: Record<string, string> = {
  mse_loss: 'mseLoss',
  l1_loss: 'l1Loss',
  smooth_l1_loss: 'smoothL1Loss',
  nll_loss: 'nllLoss',
  cross_entropy: 'crossEntropy',
  binary_cross_entropy: 'binaryCrossEntropy',
  binary_cross_entropy_with_logits: 'binaryCrossEntropyWithLogits',
  kl_div: 'klDiv',
  cosine_embedding_loss: 'cosineEmbeddingLoss',
  margin_ranking_loss: 'marginRankingLoss',
};

const emitted: string[] = [];
const original = process.emitWarning;
beforeAll(() => {
  process.emitWarning = ((message: string | Error) => {
    emitted.push(String(message));
  }) as typeof process.emitWarning;
});
afterAll(() => {
  process.emitWarning = original;
});

describe('size_average / reduce (deprecated) equal PyTorch 1.13', () => {
  for (const [name, c] of Object.entries(cases)) {
    for (const [combo, [sizeAverage, reduce]] of Object.entries(c.combos)) {
      it(`${name} ${combo}`, () => {
        const options: Record<string, unknown> = { sizeAverage, reduce };
        for (const [k, v] of Object.entries(c.kwargs)) options[camel(k)] = v;
        for (const k of c.tensor_kwargs) options[camel(k)] = io[name].tensor_kwargs[k];
        const Cls = (nn as unknown as Record<string, new (o: unknown) => nn.Module>)[name];
        const m = new Cls(options);
        expectTensorsClose(m.forward(...io[name].inputs), io[name].results[combo], 1e-6, `${name} module`);
        const f = F[functionalNames[c.functional]];
        expectTensorsClose(f(...io[name].inputs, options), io[name].functional_results[combo], 1e-6, `${name} F`);
        for (const w of c.warnings[combo]) expect(emitted).toContain(w);
      });
    }
  }

  it('warns through process.emitWarning once per message, as Python shows a UserWarning once', () => {
    const expected = new Set(Object.values(cases).flatMap((c) => Object.values(c.warnings).flat()));
    expect(new Set(emitted)).toEqual(expected);
    expect(emitted.length).toBe(expected.size);
    new nn.MSELoss({ sizeAverage: false });
    expect(emitted.length).toBe(expected.size);
  });

  it('null legacy arguments keep `reduction` and warn nothing', () => {
    const before = emitted.length;
    const m = new nn.L1Loss({ sizeAverage: null, reduce: null, reduction: 'sum' });
    expect(m.reduction).toBe('sum');
    expect(new nn.NLLLoss({ reduce: false, reduction: 'sum' }).reduction).toBe('none');
    expect(emitted.length).toBe(before);
  });
});
