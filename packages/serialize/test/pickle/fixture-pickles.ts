import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from '../../../frontend/src/testing/read-zip.js';

/** The shared conformance fixtures (outside the repo; absent on machines that do not have them). */
export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures/torchscript');

export interface FixturePickle {
  readonly archive: string;
  readonly entry: string;
  readonly bytes: Uint8Array;
}

/** Every data.pkl and constants.pkl of every archive case, in a stable order. */
export function fixturePickles(): FixturePickle[] {
  if (!existsSync(fixturesDir)) return [];
  const out: FixturePickle[] = [];
  for (const name of readdirSync(fixturesDir).sort()) {
    const path = join(fixturesDir, name, 'model.pt');
    if (!existsSync(path)) continue;
    const entries = readZip(new Uint8Array(readFileSync(path)));
    for (const [entry, bytes] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (entry.endsWith('/data.pkl') || entry.endsWith('/constants.pkl')) out.push({ archive: name, entry, bytes });
    }
  }
  return out;
}
