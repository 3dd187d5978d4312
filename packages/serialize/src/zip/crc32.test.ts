import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Tables } from './crc32.js';

/** Bit-at-a-time CRC-32, the definition the table-driven version must agree with. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('agrees with the bitwise definition, and continues across chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % (bytes.length + 1);
        const whole = crc32(bytes);
        expect(whole).toBe(referenceCrc32(bytes));
        expect(crc32(bytes.subarray(at), crc32(bytes.subarray(0, at)))).toBe(whole);
        // crc32 delegates to zlib where Node has it: the JavaScript fallback must agree on its own.
        expect(crc32Tables(bytes)).toBe(whole);
        expect(crc32Tables(bytes.subarray(at), crc32Tables(bytes.subarray(0, at)))).toBe(whole);
      }),
      { numRuns: 500 },
    );
  });

  const zlibCrc = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  // zlib.crc32 exists only in newer Node releases; where it is missing the bitwise reference above still checks us.
  it.skipIf(zlibCrc === undefined)("agrees with zlib's crc32 on a large buffer", () => {
    const big = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24);
    expect(crc32(big)).toBe(zlibCrc?.(big));
    expect(crc32(big.subarray(3, 100_003))).toBe(zlibCrc?.(big.subarray(3, 100_003)));
  });
});
