import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { itemSize } from '@tsjit/kernels';
import { Tensor } from '@tsjit/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rewriteArchive } from '../../test/torch-save/rewrite-archive.js';
import { ArchiveError } from '../errors/archive-error.js';
import { PickleError } from '../errors/pickle-error.js';
import { ZipError } from '../errors/zip-error.js';
import { Op } from '../pickle/opcodes.js';
import { ZipReader } from '../zip/zip-reader.js';
import { torchLoad } from './torch-load.js';
import { torchSave } from './torch-save.js';

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/torch-save');
// Seeds: the PyTorch-written fixtures (the large 'nested' one is left out to keep runs short).
const seeds = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.pt') && f !== 'nested.pt')
  .sort()
  .map((f) => new Uint8Array(readFileSync(join(fixtureDir, f))));
const names = seeds.map((s) => ZipReader.open(s).entries.map((e) => e.name));

/** TSJIT_FUZZ_RUNS=20000 for a long local run; the suite runs 3,000. */
const runs = Number(process.env.TSJIT_FUZZ_RUNS ?? 3000);
const budget = { maxItems: 100_000, maxMemo: 10_000, maxDepth: 64, maxStringBytes: 1 << 16, maxIntBytes: 64 };

type ByteMutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0x7f, 0x80, 0xff, ...Object.values(Op)));
const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), at: position, byte }) },
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
);

function mutate(input: Uint8Array, m: ByteMutation): Uint8Array {
  const n = input.length;
  const at = Math.floor(m.at * (n + 1));
  switch (m.kind) {
    case 'set': {
      if (n === 0) return input;
      const out = input.slice();
      out[Math.min(at, n - 1)] = m.byte;
      return out;
    }
    case 'insert':
      return Uint8Array.from([...input.subarray(0, at), ...m.bytes, ...input.subarray(at)]);
    case 'delete':
      return Uint8Array.from([...input.subarray(0, at), ...input.subarray(at + m.length)]);
    case 'truncate':
      return input.slice(0, at);
  }
}

/**
 * Either the whole file's bytes are mutated (the zip layer sees it), or one record's bytes and the
 * archive is written again around it with valid CRCs (the pickle, version and storages see it), or
 * a record is dropped.
 */
type FileMutation =
  | { kind: 'file'; mutations: ByteMutation[] }
  | { kind: 'record'; record: number; mutations: ByteMutation[] }
  | { kind: 'drop'; record: number };

const fileMutation: fc.Arbitrary<FileMutation> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('file' as const),
      mutations: fc.array(byteMutation, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      // Mostly data.pkl (record 0), where the interesting structure is.
      record: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(40) }),
      mutations: fc.array(byteMutation, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), record: fc.nat(40) }) },
);

function apply(seed: number, m: FileMutation): Uint8Array {
  const bytes = seeds[seed] as Uint8Array;
  if (m.kind === 'file') return m.mutations.reduce(mutate, bytes);
  const records = names[seed] as string[];
  const name = records[m.record % records.length] as string;
  if (m.kind === 'drop') return rewriteArchive(bytes, { [name]: null });
  const data = ZipReader.open(bytes).read(name);
  return rewriteArchive(bytes, { [name]: m.mutations.reduce(mutate, data) });
}

/** Every tensor in a loaded value views bytes its storage has. */
function checkTensors(value: unknown): number {
  let tensors = 0;
  const stack = [value];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Tensor) {
      tensors++;
      if (v.sizes.includes(0)) continue;
      let last = v.offset;
      for (let d = 0; d < v.sizes.length; d++) last += ((v.sizes[d] as number) - 1) * (v.strides[d] as number);
      if ((last + 1) * itemSize[v.dtype] > v.storage.bytes.byteLength)
        throw new Error('a tensor views past its storage');
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else stack.push(...Object.values(v));
  }
  return tensors;
}

describe('torchLoad fuzzing (mutated PyTorch files)', () => {
  it(`gives a ZipError, ArchiveError or PickleError, or a sound value (${runs} runs)`, () => {
    const outcomes = { zip: 0, archive: 0, pickle: 0, loaded: 0 };
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fileMutation, (seed, m) => {
        const bytes = apply(seed, m);
        let value: unknown;
        try {
          value = torchLoad(bytes, { budget });
        } catch (e) {
          if (ZipError.isInstance(e)) outcomes.zip++;
          else if (ArchiveError.isInstance(e)) outcomes.archive++;
          else if (PickleError.isInstance(e)) outcomes.pickle++;
          else throw e;
          return;
        }
        outcomes.loaded++;
        checkTensors(value);
        // What loads can be saved again and loads to the same tensors, except sets and bytes (which
        // protocol 2 writes through builtins the loader does not allow: torch.save files hold neither).
        let again: Uint8Array;
        try {
          again = torchSave(value);
        } catch (e) {
          if (PickleError.isInstance(e) && /cannot save a Set|bytes cannot be saved/.test((e as Error).message)) return;
          throw e;
        }
        checkTensors(torchLoad(again));
      }),
      { numRuns: runs },
    );
    if (process.env.TSJIT_FUZZ_RUNS) console.log(`torchLoad fuzz: ${runs} runs`, outcomes);
    // Every outcome must occur, or the mutations are not reaching that layer.
    expect(outcomes.zip).toBeGreaterThan(0);
    expect(outcomes.archive).toBeGreaterThan(0);
    expect(outcomes.pickle).toBeGreaterThan(runs / 10);
    expect(outcomes.loaded).toBeGreaterThan(0);
  });

  it('loads every unmutated seed', () => {
    for (const s of seeds) expect(() => checkTensors(torchLoad(s))).not.toThrow();
  });
});
