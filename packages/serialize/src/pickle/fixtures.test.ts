import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cloneWithoutHints } from '../../test/pickle/clone-without-hints.js';
import { type Dump, dumpPickleValue, normalizeDump } from '../../test/pickle/dump-pickle-value.js';
import { fixturePickles, fixturesDir } from '../../test/pickle/fixture-pickles.js';
import { Pickler } from './pickler.js';
import { unpickle } from './unpickler.js';

const python = '/usr/bin/python3';
const generator = join(dirname(fileURLToPath(import.meta.url)), '../../../../tooling/fixtures/gen_pickle_goldens.py');
const pickles = fixturePickles();

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i === a.length && i === b.length ? -1 : i;
}

// The conformance fixtures live outside the repository (../shared/fixtures/torchscript); machines
// without them skip this suite. The package's own PyTorch-generated pickles are tested regardless.
describe.skipIf(!existsSync(fixturesDir))("the conformance fixtures' data.pkl and constants.pkl", () => {
  it('finds every archive', () => {
    expect(pickles.length).toBe(156);
  });

  it('unpickles every pickle and re-pickles it byte for byte', () => {
    const differing = pickles
      .map((p) => ({ p, out: new Pickler().dump(unpickle(p.bytes)) }))
      .filter(({ p, out }) => firstDifference(out, p.bytes) !== -1)
      .map(({ p, out }) => `${p.archive}/${p.entry} differs at byte ${firstDifference(out, p.bytes)}`);
    expect(differing).toEqual([]);
  });

  it('re-pickles byte for byte from values without memo hints (the default memo rule)', () => {
    const differing = pickles
      .map((p) => ({ p, out: new Pickler().dump(cloneWithoutHints(unpickle(p.bytes))) }))
      .filter(({ p, out }) => firstDifference(out, p.bytes) !== -1)
      .map(({ p, out }) => `${p.archive}/${p.entry} differs at byte ${firstDifference(out, p.bytes)}`);
    expect(differing).toEqual([]);
  });

  // The Python dumps come from a restricted Unpickler that mirrors the allowlist; without
  // /usr/bin/python3 there is no oracle to compare with (the committed goldens still run).
  describe.skipIf(!existsSync(python))("against Python's pickle", () => {
    it('gives the same structure for every pickle', () => {
      const output = execFileSync(python, [generator, '--dump-fixtures', fixturesDir], { maxBuffer: 1 << 28 });
      const expected = JSON.parse(output.toString('utf8')) as Record<string, Dump>;
      expect(Object.keys(expected)).toHaveLength(pickles.length);
      for (const p of pickles) {
        const key = `${p.archive}/${p.entry}`;
        expect(normalizeDump(dumpPickleValue(unpickle(p.bytes))), key).toEqual(expected[key]);
      }
    });
  });
});
