import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveCaseNames, FIXTURES, fixturesPresent, resave } from './support/save-fixtures.js';
import { torchRunCases, torchUnavailable } from './support/torch-oracle.js';

const noTorch = torchUnavailable();
if (noTorch !== undefined) console.warn(`save-torch-load: skipped, PyTorch is not available (${noTorch})`);

// PyTorch (at /usr/bin/python3) is the oracle: without it, or without the shared fixtures, there is
// nothing to check the archives against.
describe.skipIf(noTorch !== undefined || !fixturesPresent)('PyTorch 1.13 loads the re-saved fixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsjit-save-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every case on the archive tsjit wrote and reproduces the recorded outputs', () => {
    const names = archiveCaseNames();
    for (const name of names) writeFileSync(join(dir, `${name}.pt`), resave(name));
    const verdicts = torchRunCases(FIXTURES, dir);
    expect(Object.keys(verdicts)).toHaveLength(78);
    const failing = Object.entries(verdicts).filter(([, problems]) => problems.length > 0);
    expect(failing).toEqual([]);
  }, 300_000);

  it('reports a mismatch when an archive gives other outputs (the oracle can fail)', () => {
    const other = mkdtempSync(join(tmpdir(), 'tsjit-save-neg-'));
    try {
      // nn_linear's archive under another case's name: PyTorch loads it, but the outputs differ.
      writeFileSync(join(other, 'nn_layernorm.pt'), resave('nn_linear'));
      copyFileSync(join(FIXTURES, 'nn_linear', 'model.pt'), join(other, 'nn_linear.pt'));
      const verdicts = torchRunCases(FIXTURES, other);
      expect(verdicts.nn_linear).toEqual([]);
      expect(verdicts.nn_layernorm?.length).toBeGreaterThan(0);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);
});
