import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixturePickles } from '../../test/pickle/fixture-pickles.js';
import { PickleError } from '../errors/pickle-error.js';
import { Op } from './opcodes.js';
import { Pickler } from './pickler.js';
import { unpickle } from './unpickler.js';
import { PickleObject, PickleTensorRef } from './value-model.js';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/pickle');

// Seeds: the package's own PyTorch/CPython pickles, plus the conformance fixtures' pickles when
// that folder is present (the fuzz runs on the package's seeds alone where it is not).
const seeds: Uint8Array[] = [
  ...readdirSync(goldenDir)
    .filter((f) => f.endsWith('.pkl'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(goldenDir, f)))),
  ...fixturePickles()
    .map((p) => p.bytes)
    .filter((b) => b.length > 4 && b.length < 4000),
];

/** TSJIT_FUZZ_RUNS=20000 for a long local run; the suite runs 5,000. */
const runs = Number(process.env.TSJIT_FUZZ_RUNS ?? 5000);
const budget = { maxItems: 20_000, maxMemo: 5_000, maxDepth: 64, maxStringBytes: 1 << 16, maxIntBytes: 64 };

const interesting = [0x00, 0x01, 0x7f, 0x80, 0xff, ...Object.values(Op)];

type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; from: number; start: number; length: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...interesting));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('set' as const), at: position, byte }).map((m) => ({ ...m, at: m.at })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: position,
      bytes: fc.array(byte, { minLength: 1, maxLength: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: position,
      length: fc.integer({ min: 1, max: 16 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('splice' as const),
      at: position,
      from: fc.nat(),
      start: position,
      length: fc.integer({ min: 1, max: 64 }),
    }),
  },
) as fc.Arbitrary<Mutation>;

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const m of mutations) {
    const at = Math.floor(m.at * (bytes.length + 1));
    if (m.kind === 'set') {
      if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = m.byte;
    } else if (m.kind === 'insert') bytes.splice(at, 0, ...m.bytes);
    else if (m.kind === 'delete') bytes.splice(at, m.length);
    else if (m.kind === 'truncate') bytes = bytes.slice(0, at);
    else {
      const donor = seeds[m.from % seeds.length] as Uint8Array;
      const start = Math.floor(m.start * donor.length);
      bytes.splice(at, 0, ...donor.subarray(start, start + m.length));
    }
  }
  return new Uint8Array(bytes);
}

/** Values reachable from the result (iterative; shared values counted once). */
function countValues(root: unknown): number {
  const seen = new Set<object>();
  const todo: unknown[] = [root];
  let count = 0;
  while (todo.length > 0) {
    const value = todo.pop();
    count++;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) todo.push(...value);
    else if (value instanceof Map) for (const [k, v] of value) todo.push(k, v);
    else if (value instanceof Set) todo.push(...value);
    else if (value instanceof PickleObject) todo.push(value.state);
    else if (value instanceof PickleTensorRef) todo.push(value.storage);
  }
  return count;
}

describe('unpickle under fuzzing (mutated real pickles)', () => {
  it('has seeds', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(15);
  });

  it(`gives a PickleError or a value within the budget, never another exception (${runs} runs)`, () => {
    let succeeded = 0;
    let failed = 0;
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seedIndex, mutations) => {
        const data = mutate(seeds[seedIndex % seeds.length] as Uint8Array, mutations);
        let value: unknown;
        try {
          value = unpickle(data, { budget });
        } catch (error) {
          if (!PickleError.isInstance(error)) throw error;
          // The machine's own safety net must never fire: that would be a bug behind a typed error.
          expect(error.detail).not.toMatch(/^internal error/);
          kinds.set(
            error.detail.replace(/\d+/g, 'N').slice(0, 50),
            (kinds.get(error.detail.replace(/\d+/g, 'N').slice(0, 50)) ?? 0) + 1,
          );
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThanOrEqual(data.length);
          failed++;
          return;
        }
        succeeded++;
        // Shared values can appear many times, but the distinct ones are bounded by the budget.
        expect(countValues(value)).toBeLessThanOrEqual(3 * budget.maxItems + 1);
        // Whatever was read can be handed to the Pickler: it writes it or refuses with a PickleError.
        try {
          new Pickler().dump(value);
        } catch (error) {
          if (!PickleError.isInstance(error)) throw error;
        }
      }),
      { numRuns: runs },
    );
    // Both outcomes must occur, or the mutations are not exercising the parser.
    expect(succeeded).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    console.log(`pickle fuzz: ${runs} runs, ${succeeded} read, ${failed} PickleErrors`);
    if (process.env.TSJIT_FUZZ_RUNS !== undefined) console.log([...kinds].sort((a, b) => b[1] - a[1]).slice(0, 25));
  });
});
