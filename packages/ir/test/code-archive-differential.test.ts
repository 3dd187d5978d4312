import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CodeFixtureContext, type CodeGoldens } from './helpers/code-fixture.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../../tooling/fixtures/dump_archive_code.py', import.meta.url));

/** `<ancestor>/shared/fixtures/torchscript`, looked for beside every ancestor of this folder, or null. */
function fixturesDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures', 'torchscript');
    if (existsSync(join(candidate, 'index.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function torchAvailable(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
}

const dir = fixturesDir();
const available = dir !== null && torchAvailable();

// PyTorch loads every conformance archive and saves it again; the code files of the new archive
// were printed from the graphs PyTorch compiled while loading, which the script dumps. Printing
// those graphs must give the same files.
// Skips only where Debian's /usr/bin/python3 with torch or ../shared/fixtures/torchscript is absent (a user's clone); CI has both.
describe.skipIf(!available)('the code printer reprints the conformance archives as PyTorch does', () => {
  it('gives every code file of every re-saved archive character for character', () => {
    const archives = readdirSync(dir as string)
      .sort()
      .map((name) => join(dir as string, name, 'model.pt'))
      .filter((path) => existsSync(path));
    const run = spawnSync(PYTHON, [SCRIPT, ...archives], { maxBuffer: 1 << 30, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const dump = JSON.parse(run.stdout) as CodeGoldens & { skipped: string[] };
    const context = new CodeFixtureContext(dump);
    const mismatches: string[] = [];
    for (const c of dump.cases) {
      if (c.kind !== 'file') continue;
      let actual: string;
      try {
        actual = context.printFile(c.items);
      } catch (e) {
        mismatches.push(`${c.name}: ${(e as Error).message}`);
        continue;
      }
      if (actual !== c.expected) {
        const a = actual.split('\n');
        const b = c.expected.split('\n');
        const line = b.findIndex((text, i) => a[i] !== text);
        mismatches.push(`${c.name}:${line + 1}: PyTorch ${JSON.stringify(b[line])}, ours ${JSON.stringify(a[line])}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(dump.cases.length).toBeGreaterThan(350);
    // Only files with an enum are left out (Python cannot reach an enum's members of a loaded archive).
    expect(dump.skipped.length).toBeLessThan(dump.cases.length / 20);
  });
});

if (!available) {
  it('skips the archive differential test: ../shared/fixtures/torchscript or PyTorch (/usr/bin/python3) is absent', () => {
    expect(available).toBe(false);
  });
}
