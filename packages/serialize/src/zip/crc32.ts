// Slicing-by-8 tables: table k maps a byte to its CRC contribution when followed by k zero bytes, so
// eight input bytes are folded per step. Node 20's zlib has no reliable crc32, and storages are large.
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
