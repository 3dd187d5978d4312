import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { itemSize } from '@tsjit/kernels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NpyError } from '../src/errors/npy-error.js';
import { parseNpy } from '../src/npy.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'npy');
const seeds = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.npy'))
  .sort()
  .map((f) => new Uint8Array(readFileSync(join(FIXTURES, f))));

// Characters that matter to the header grammar, so that mutations reach past the first parse error.
const HEADER_CHARS = [...'{}()[],:\'"<>|=TrueFalsNon0123456789-L \n\tfiubcOUV?x\\'].map((c) => c.charCodeAt(0));

type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...HEADER_CHARS)),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.constantFrom(...HEADER_CHARS), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(file: Uint8Array, m: Mutation): Uint8Array {
  const at = m.at % (file.length + 1);
  switch (m.kind) {
    case 'set': {
      const out = file.slice();
      if (at < out.length) out[at] = m.byte;
      return out;
    }
    case 'insert':
      return Uint8Array.from([...file.subarray(0, at), ...m.bytes, ...file.subarray(at)]);
    case 'delete':
      return Uint8Array.from([...file.subarray(0, at), ...file.subarray(at + m.count)]);
    case 'truncate':
      return file.slice(0, at);
  }
}

function parsesOrThrowsNpyError(bytes: Uint8Array): 'ok' | 'error' {
  try {
    const a = parseNpy(bytes, { maxBytes: 1 << 20 });
    const numel = a.sizes.reduce((x, y) => x * y, 1);
    expect(a.data.length).toBe(numel * itemSize[a.dtype]);
    return 'ok';
  } catch (error) {
    if (!NpyError.isInstance(error)) throw error;
    return 'error';
  }
}

describe('parseNpy on mutated files', () => {
  it('returns a consistent array or throws NpyError, never another exception', () => {
    const outcomes = { ok: 0, error: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        const bytes = mutations.reduce(mutate, seed);
        outcomes[parsesOrThrowsNpyError(bytes)]++;
      }),
      { numRuns: 3000 },
    );
    // Both outcomes occur, so the mutations neither always break nor never touch the files.
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
  });

  it('handles arbitrary bytes after a valid magic string and version', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), fc.uint8Array({ maxLength: 300 }), (version, rest) => {
        parsesOrThrowsNpyError(Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0, ...rest]));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles every truncation of every fixture', () => {
    for (const seed of seeds) {
      for (let n = 0; n < seed.length; n++) expect(parsesOrThrowsNpyError(seed.subarray(0, n))).toBe('error');
      expect(parsesOrThrowsNpyError(seed)).toBe('ok');
    }
  });
});
