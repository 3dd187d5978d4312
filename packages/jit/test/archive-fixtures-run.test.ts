import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import type { ScriptModule } from '../src/script-module.js';
import { archiveCaseNames, FIXTURES, fixturesPresent, runCalls } from './support/save-fixtures.js';

/** Loads an archive case and runs every call on one instance; the problems found (empty: it matches). */
function runCase(name: string): string[] {
  let module: ScriptModule;
  try {
    module = load(join(FIXTURES, name, 'model.pt'));
  } catch (e) {
    return [`load: ${(e as Error).message.split('\n')[0]}`];
  }
  return runCalls(module, name);
}

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone); CI has the fixtures.
describe.skipIf(!fixturesPresent)('archive fixtures run as in PyTorch (../shared/fixtures/torchscript)', () => {
  it('finds the 78 archive cases', () => {
    expect(archiveCaseNames()).toHaveLength(78);
  });

  it.each(archiveCaseNames())('%s', (name) => {
    expect(runCase(name)).toEqual([]);
  });
});
