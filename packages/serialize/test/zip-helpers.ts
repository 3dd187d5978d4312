import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The package's own small archives (written by tooling/fixtures/gen_zip_goldens.py). */
export function ownFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(HERE, 'fixtures', 'zip', name)));
}

/** What Python's zipfile listed in each own archive and in a few conformance archives. */
export interface PythonListingEntry {
  name: string;
  size: number;
  compressedSize: number;
  method: number;
  crc32: number;
  localHeaderOffset: number;
}

export function ownListings(): Record<string, PythonListingEntry[]> {
  return JSON.parse(readFileSync(join(HERE, 'fixtures', 'zip', 'listings.json'), 'utf8'));
}

/**
 * The shared TorchScript fixtures folder (`<repo>/../shared/fixtures/torchscript`), looked for beside
 * every ancestor of this package (worktrees sit deeper than the main checkout), or null.
 */
export function fixturesDir(): string | null {
  let dir = HERE;
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures', 'torchscript');
    if (existsSync(join(candidate, 'index.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Every `<case>/model.pt` of the fixtures, sorted by case name. */
export function fixtureArchives(dir: string): { name: string; path: string }[] {
  return readdirSync(dir)
    .sort()
    .filter((c) => existsSync(join(dir, c, 'model.pt')))
    .map((c) => ({ name: c, path: join(dir, c, 'model.pt') }));
}

/** The path of the python listing script, tooling/fixtures/zip_listing.py. */
export const ZIP_LISTING_SCRIPT = join(HERE, '..', '..', '..', 'tooling', 'fixtures', 'zip_listing.py');

/** Offsets of the central directory headers of a small archive (classic EOCD fields, no comment). */
export function centralHeaderOffsets(bytes: Uint8Array): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(p);
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return out;
}

/** A copy of `bytes` with `edit` applied through a DataView. */
export function patched(bytes: Uint8Array, edit: (view: DataView, copy: Uint8Array) => void): Uint8Array {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer), copy);
  return copy;
}
