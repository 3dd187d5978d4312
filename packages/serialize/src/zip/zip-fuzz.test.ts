import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixturesDir, ownFixture } from '../../test/zip-helpers.js';
import { ZipError } from '../errors/zip-error.js';
import { archiveRoot } from './archive-root.js';
import { ZipReader } from './zip-reader.js';

// 5,000 runs in the suite; set TSJIT_ZIP_FUZZ_RUNS (e.g. 20000) for a longer local run.
const RUNS = Number(process.env.TSJIT_ZIP_FUZZ_RUNS ?? 5000);

const seeds: { name: string; bytes: Uint8Array }[] = [
  { name: 'linear.pt', bytes: ownFixture('linear.pt') },
  { name: 'state.pt', bytes: ownFixture('state.pt') },
  { name: 'deflated.zip', bytes: ownFixture('deflated.zip') },
];
const fixtures = fixturesDir();
// Small fixture archives with empty records and '.data/version'; the own archives above suffice where absent.
if (fixtures) {
  for (const c of ['quant_dynamic_linear_stack', 'tensor_creation']) {
    seeds.push({ name: c, bytes: new Uint8Array(readFileSync(join(fixtures, c, 'model.pt'))) });
  }
}

/** Offsets of every zip signature ('PK' followed by a record type) in a seed, where mutations hurt most. */
function structureOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] < 9 && bytes[i + 3] < 9) out.push(i);
  }
  return out;
}
const structures = seeds.map((s) => structureOffsets(s.bytes));

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'set'; at: number; value: number; width: 1 | 2 | 4 }
  | { kind: 'field'; structure: number; delta: number; value: number; width: 1 | 2 | 4 | 8 }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

const interesting = fc.constantFrom(0, 1, 0x7f, 0xff, 0xffff, 0x10000, 0x7fffffff, 0xffffffff, 64, 46, 30, 22);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.oneof(interesting, fc.nat()),
    width: fc.constantFrom(1 as const, 2 as const, 4 as const),
  }),
  fc.record({
    kind: fc.constant('field' as const),
    structure: fc.nat(),
    delta: fc.integer({ min: 0, max: 56 }),
    value: fc.oneof(interesting, fc.nat()),
    width: fc.constantFrom(1 as const, 2 as const, 4 as const, 8 as const),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 70 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 70 }) }),
);

function apply(seed: number, input: Uint8Array, m: Mutation): Uint8Array {
  const n = input.length;
  if (n === 0) return input;
  switch (m.kind) {
    case 'flip': {
      const out = input.slice();
      out[m.at % n] ^= m.mask;
      return out;
    }
    case 'set':
    case 'field': {
      const out = input.slice();
      const offsets = structures[seed];
      const at = m.kind === 'set' ? m.at % n : (offsets[m.structure % offsets.length] ?? 0) + m.delta;
      const v = new DataView(out.buffer);
      if (at + m.width > n) return out;
      if (m.width === 1) v.setUint8(at, m.value & 0xff);
      else if (m.width === 2) v.setUint16(at, m.value & 0xffff, true);
      else if (m.width === 4) v.setUint32(at, m.value >>> 0, true);
      else v.setBigUint64(at, BigInt(m.value) * 0x100000001n, true);
      return out;
    }
    case 'truncate':
      return input.slice(0, m.at % n);
    case 'insert': {
      const at = m.at % (n + 1);
      const out = new Uint8Array(n + m.bytes.length);
      out.set(input.subarray(0, at));
      out.set(m.bytes, at);
      out.set(input.subarray(at), at + m.bytes.length);
      return out;
    }
    case 'delete': {
      const at = m.at % n;
      const out = new Uint8Array(n - Math.min(m.length, n - at));
      out.set(input.subarray(0, at));
      out.set(input.subarray(at + m.length), at);
      return out;
    }
  }
}

/** Opens and reads everything; only a ZipError may escape. */
function readAll(bytes: Uint8Array): void {
  const reader = ZipReader.open(bytes, { maxTotalSize: 64 * 2 ** 20 });
  for (const e of reader.entries) {
    const data = reader.read(e.name);
    if (data.length !== e.size) throw new Error(`read returned ${data.length} bytes for a ${e.size}-byte record`);
  }
  archiveRoot(reader);
}

describe('ZipReader fuzzing (mutated real archives)', () => {
  it(`gives a ZipError or a successful read, never another exception (${RUNS} runs)`, () => {
    let typedErrors = 0;
    let successes = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (seed, mutations) => {
          let bytes = seeds[seed].bytes;
          for (const m of mutations) bytes = apply(seed, bytes, m);
          try {
            readAll(bytes);
            successes++;
          } catch (e) {
            if (!ZipError.isInstance(e)) throw e;
            typedErrors++;
          }
        },
      ),
      { numRuns: RUNS },
    );
    if (process.env.TSJIT_ZIP_FUZZ_RUNS)
      console.log(`zip fuzz: ${RUNS} runs, ${typedErrors} ZipErrors, ${successes} successful reads`);
    // Both outcomes must occur, or the mutations are not reaching the parser.
    expect(typedErrors).toBeGreaterThan(RUNS / 10);
    expect(successes).toBeGreaterThan(0);
  });

  it('reads every unmutated seed', () => {
    for (const s of seeds) expect(() => readAll(s.bytes), s.name).not.toThrow();
  });
});
