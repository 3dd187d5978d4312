import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KernelError } from './kernel-error.js';
import { mapFile } from './runtime.js';

const dir = mkdtempSync(join(tmpdir(), 'tsjit-map-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mapFile', () => {
  it("gives the file's bytes, and keeps writes private", () => {
    const path = join(dir, 'bytes.bin');
    const content = new Uint8Array(3 * 4096 + 17).map((_, i) => (i * 7) & 0xff);
    writeFileSync(path, content);
    const mapped = mapFile(path);
    expect(mapped).toBeDefined();
    expect(Buffer.from(mapped as Uint8Array).equals(Buffer.from(content))).toBe(true);
    (mapped as Uint8Array).fill(0, 0, 5000);
    expect((mapped as Uint8Array)[4999]).toBe(0);
    expect(readFileSync(path).equals(Buffer.from(content))).toBe(true);
    expect(Buffer.from(mapFile(path) as Uint8Array).equals(Buffer.from(content))).toBe(true);
  });

  it('maps an empty file to an empty buffer', () => {
    const path = join(dir, 'empty.bin');
    writeFileSync(path, new Uint8Array(0));
    expect(mapFile(path)?.byteLength).toBe(0);
  });

  it('refuses a missing path, a folder and a device with ERR_TSJIT_MAP_FILE', () => {
    for (const [path, message] of [
      [join(dir, 'missing.bin'), /cannot open .*missing\.bin.*No such file/],
      [dir, /is not a regular file/],
      ['/dev/null', /is not a regular file/],
    ] as const) {
      let error: unknown;
      try {
        mapFile(path);
      } catch (e) {
        error = e;
      }
      expect(KernelError.isInstance(error)).toBe(true);
      expect((error as KernelError).code).toBe('ERR_TSJIT_MAP_FILE');
      expect((error as KernelError).message).toMatch(message);
    }
  });
});
