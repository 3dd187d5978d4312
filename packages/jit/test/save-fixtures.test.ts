import { describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import { save } from '../src/save/save.js';
import {
  archiveCaseNames,
  archiveDifferences,
  fixtureBytes,
  fixturesPresent,
  resave,
  runCalls,
} from './support/save-fixtures.js';

/**
 * Fixtures whose re-saved archive is not PyTorch's byte for byte, and why: the importer's graphs
 * differ from the ones PyTorch builds from the same code (it folds `torch.is_grad_enabled()` and
 * indexing of a tuple just constructed), so the printer writes different (equivalent) code, and
 * leaves that file's `.debug_pkl` out. Everything else in these archives is PyTorch's.
 */
const NOT_IDENTICAL: Readonly<Record<string, string>> = {
  nn_rnn_tanh_h0: 'code/__torch__/torch/nn/modules/rnn.py (tuple indexing folded)',
};

// The shared conformance fixtures live beside the repository (../shared); a user's clone has none.
describe.skipIf(!fixturesPresent)('saving the archive fixtures (../shared/fixtures/torchscript)', () => {
  const names = archiveCaseNames();

  it('finds the 78 archive cases', () => {
    expect(names).toHaveLength(78);
  });

  it.each(names)('%s: the re-saved archive loads, runs the calls, and saves again identically', (name) => {
    const bytes = resave(name);
    // load() views the bytes it is given (no copy), and calls may change buffers in place: run
    // them on a copy so that `bytes` stays what save() wrote.
    const module = load(bytes.slice());
    expect(runCalls(module, name)).toEqual([]);
    const again = save(load(bytes), undefined, { archiveName: 'model' });
    expect(archiveDifferences(again, bytes)).toEqual([]);
  });

  it("is byte-identical to PyTorch's own archive except where the code printed differs", () => {
    const differing: Record<string, string[]> = {};
    for (const name of names) {
      const d = archiveDifferences(resave(name), fixtureBytes(name));
      if (d.length > 0) differing[name] = d;
    }
    expect(Object.keys(differing).sort()).toEqual(Object.keys(NOT_IDENTICAL).sort());
    // Only code files and their debug records differ there.
    for (const d of Object.values(differing).flat()) {
      expect(d).toMatch(/^(missing model\/code\/.*\.py\.debug_pkl|model\/code\/.*\.py differs at byte \d+)/);
    }
    expect(names.length - Object.keys(differing).length).toBe(77);
  });
});
