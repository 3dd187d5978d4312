import { ZipReader } from '@tsjit/serialize';
import { describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import { save } from '../src/save/save.js';
import type { ScriptModule } from '../src/script-module.js';
import {
  archiveCaseNames,
  archiveDifferences,
  fixtureBytes,
  fixturesPresent,
  resave,
  runCalls,
} from './support/save-fixtures.js';

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

  // nn_rnn_tanh_h0 is the case where the printed code is not PyTorch's text (importing it folds
  // the indexing of a tuple just built, as PyTorch's importer does): save writes the archive's
  // own code records there, since the module's code is unchanged (save.ts, isArchiveCode).
  it("is byte-identical to PyTorch's own archive, every one of the 78", () => {
    const differing: Record<string, string[]> = {};
    for (const name of names) {
      const d = archiveDifferences(resave(name), fixtureBytes(name));
      if (d.length > 0) differing[name] = d;
    }
    expect(differing).toEqual({});
    expect(names).toHaveLength(78);
  });

  it("writes the printed code, not the archive's, once a method of the loaded module changed", () => {
    const module = load(fixtureBytes('nn_rnn_tanh_h0'));
    const graph = (module.attr('rnn') as ScriptModule).method('forward__0').graph;
    // `torch.squeeze(output, 1)` of a batch-first input becomes `torch.squeeze(output, 0)`.
    const squeeze = [...graph.allNodes()].find((n) => n.kind === 'aten::squeeze');
    if (squeeze === undefined) throw new Error('forward__0 has no aten::squeeze');
    graph.setInsertPoint(squeeze);
    squeeze.replaceInput(1, graph.insertConstant(0));
    const zip = ZipReader.open(save(module, undefined, { archiveName: 'model' }));
    const file = 'model/code/__torch__/torch/nn/modules/rnn.py';
    const text = new TextDecoder().decode(zip.read(file));
    expect(text).toContain('output1 = torch.squeeze(_9, 0)');
    // Its debug record maps PyTorch's text, which is not there any more.
    expect(zip.has(`${file}.debug_pkl`)).toBe(false);
    // The files whose code did not change are still PyTorch's records.
    expect(zip.has('model/code/__torch__/testmodels.py.debug_pkl')).toBe(true);
  });
});
