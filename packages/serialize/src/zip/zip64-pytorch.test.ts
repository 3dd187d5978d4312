import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZipWriter } from './zip-writer.js';

/** Compares two files chunk by chunk; returns the first differing offset or -1. */
function compareFiles(a: string, b: string): number {
  if (statSync(a).size !== statSync(b).size) return Math.min(statSync(a).size, statSync(b).size);
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  const ba = new Uint8Array(1 << 24);
  const bb = new Uint8Array(1 << 24);
  try {
    for (let pos = 0; ; pos += ba.length) {
      const na = readSync(fa, ba, 0, ba.length, pos);
      const nb = readSync(fb, bb, 0, bb.length, pos);
      for (let i = 0; i < Math.min(na, nb); i++) if (ba[i] !== bb[i]) return pos + i;
      if (na === 0 || na !== nb) return na === nb ? -1 : pos + Math.min(na, nb);
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

// Zip64 only starts at 4 GiB: this writes two 4 GiB archives (PyTorch's and ours), needs ~13 GB of memory and a
// minute or more, so it runs only on request (TSJIT_ZIP_BIG=1) and where PyTorch is at /usr/bin/python3.
const enabled = process.env.TSJIT_ZIP_BIG === '1' && existsSync('/usr/bin/python3');
// Opt-in: it writes multi-gigabyte zip64 archives and needs PyTorch, too slow and large for every run.
describe.skipIf(!enabled)('zip64 records byte-identical to PyTorch (opt-in: TSJIT_ZIP_BIG=1)', () => {
  it('a 4 GiB - 1 record and records beyond 4 GiB', { timeout: 600_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-zip64-'));
    try {
      const theirs = join(dir, 'big.pt');
      const script = [
        'import sys, torch',
        'w = torch._C.PyTorchFileWriter(sys.argv[1])',
        'data = bytes(0xFFFFFFFF)',
        "w.write_record('a', data, len(data))",
        'del data',
        "w.write_record('b', b'hello', 5)",
        'w.write_end_of_file()',
      ].join('\n');
      execFileSync('/usr/bin/python3', ['-c', script, theirs]);
      const ours = join(dir, 'ours.pt');
      const fd = openSync(ours, 'w');
      try {
        // fs.writeSync takes at most 2 GiB per call.
        const sink = (chunk: Uint8Array) => {
          for (let p = 0; p < chunk.length; p += 2 ** 30) writeSync(fd, chunk.subarray(p, p + 2 ** 30));
        };
        const writer = new ZipWriter({ sink });
        // Size 0xffffffff needs zip64 sizes; every later record starts beyond 4 GiB and needs a zip64 offset.
        writer.writeRecord('big/a', new Uint8Array(0xffffffff));
        writer.writeRecord('big/b', new TextEncoder().encode('hello'));
        writer.writeRecord('big/version', new TextEncoder().encode('3\n'));
        expect(writer.finish()).toHaveLength(0);
      } finally {
        closeSync(fd);
      }
      expect(compareFiles(ours, theirs)).toBe(-1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
