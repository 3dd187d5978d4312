import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZip } from '../../src/testing/read-zip.js';

/** The code of one fixture archive: `code/` files by path under `code/`, and the archive's version. */
export interface ArchiveCode {
  readonly name: string;
  readonly path: string;
  readonly files: Map<string, string>;
  readonly version: number | undefined;
  /** Total characters of the `.py` files. */
  readonly size: number;
}

/** Reads the `code/**.py` files of one `model.pt`. */
export function readArchiveCode(name: string, path: string): ArchiveCode {
  const files = new Map<string, string>();
  let version: number | undefined;
  let size = 0;
  for (const [entry, bytes] of readZip(readFileSync(path))) {
    const code = /^[^/]+\/code\/(.*\.py)$/.exec(entry);
    if (code) {
      const text = new TextDecoder().decode(bytes);
      files.set(code[1] as string, text);
      size += text.length;
    } else if (/^[^/]+\/(\.data\/)?version$/.test(entry)) {
      version = Number(new TextDecoder().decode(bytes).trim());
    }
  }
  return { name, path, files, version, size };
}

/** Every archive case of the fixtures folder. */
export function fixtureArchives(dir: string): ArchiveCode[] {
  const out: ArchiveCode[] = [];
  for (const name of readdirSync(dir).sort()) {
    const archive = join(dir, name, 'model.pt');
    if (existsSync(archive)) out.push(readArchiveCode(name, archive));
  }
  return out;
}
