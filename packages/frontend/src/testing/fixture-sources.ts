import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from './read-zip.js';

/**
 * The shared TorchScript fixtures folder (`<repo>/../shared/fixtures/torchscript`), looked for
 * beside every ancestor of this package (worktrees sit deeper than the main checkout), or null.
 */
export function fixturesDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures', 'torchscript');
    if (existsSync(join(candidate, 'index.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export interface FixtureSource {
  /** `<case>/source.py` or `<case>/model.pt!<entry>`. */
  name: string;
  text: string;
}

/** Every `source.py` and every `code/**.py` entry of every `model.pt` in the fixtures. */
export function fixtureSources(dir: string): FixtureSource[] {
  const out: FixtureSource[] = [];
  for (const name of readdirSync(dir).sort()) {
    const source = join(dir, name, 'source.py');
    if (existsSync(source)) out.push({ name: `${name}/source.py`, text: readFileSync(source, 'utf8') });
    const archive = join(dir, name, 'model.pt');
    if (!existsSync(archive)) continue;
    for (const [entry, bytes] of readZip(readFileSync(archive))) {
      if (/(^|\/)code\/.*\.py$/.test(entry)) {
        out.push({ name: `${name}/model.pt!${entry}`, text: new TextDecoder().decode(bytes) });
      }
    }
  }
  return out;
}
