import * as zlib from 'node:zlib';

// zlib's native crc32 (Node >= 20.15; the repo needs >= 20.17) is several times faster than any
// JavaScript loop, which matters because every storage of an archive is checksummed on load (a
// 47 MB resnet18 costs ~10 ms natively, ~45 ms below). Looked up defensively so a runtime without it
// falls back to the tables.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

// Slicing-by-8 tables: table k maps a byte to its CRC contribution when followed by k zero bytes, so
// eight input bytes are folded per step.
const TABLES: Uint32Array = buildTables();

function buildTables(): Uint32Array {
  const tables = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = tables[n];
    for (let t = 1; t < 8; t++) {
      c = tables[c & 0xff] ^ (c >>> 8);
      tables[t * 256 + n] = c >>> 0;
    }
  }
  return tables;
}

/**
 * CRC-32 (ISO-HDLC, the zip and zlib polynomial) of `bytes`. Pass a previous result as `initial` to
 * continue a running checksum over several chunks.
 */
export function crc32(bytes: Uint8Array, initial = 0): number {
  if (nativeCrc32 !== undefined) return nativeCrc32(bytes, initial) >>> 0;
  return crc32Tables(bytes, initial);
}

/** The JavaScript CRC-32 (exported for the tests, which compare it with the native one). */
export function crc32Tables(bytes: Uint8Array, initial = 0): number {
  const t = TABLES;
  let crc = ~initial;
  const length = bytes.length;
  let i = 0;
  const fastEnd = length - (length % 8);
  while (i < fastEnd) {
    const a = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) ^ crc;
    crc =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + bytes[i + 4]] ^
      t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^
      t[bytes[i + 7]];
    i += 8;
  }
  while (i < length) {
    crc = t[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    i++;
  }
  return ~crc >>> 0;
}
