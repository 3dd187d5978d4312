import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FloatScalar } from '@tsjit/ops';
import { Storage, Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { describeValue } from '../../test/torch-save/describe-value.js';
import { ArchiveError } from '../errors/archive-error.js';
import { PickleError } from '../errors/pickle-error.js';
import { getDictAttributes, setDictAttributes } from '../pickle/dict-attributes.js';
import { PickleDevice } from '../pickle/value-model.js';
import { ZipReader } from '../zip/zip-reader.js';
import { archiveNameOf } from './archive-name.js';
import { SavePickler } from './save-pickler.js';
import { torchLoad } from './torch-load.js';
import { torchSave } from './torch-save.js';

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/torch-save');
const files = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.pt'))
  .sort();
const scratch = mkdtempSync(join(tmpdir(), 'tsjit-torch-save-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function floats(values: number[]): Tensor {
  const t = Tensor.empty([values.length], 'float32');
  new Float32Array(t.storage.bytes.buffer, t.storage.bytes.byteOffset, values.length).set(values);
  return t;
}

describe('torchSave of what torchLoad read from PyTorch', () => {
  // Every fixture re-saves byte for byte: same records, pickle opcodes, memo ids and storage keys.
  it.each(files)('%s is byte-identical to the file PyTorch wrote', (file) => {
    const original = new Uint8Array(readFileSync(join(fixtureDir, file)));
    const name = file === 'buffer.pt' ? undefined : join(scratch, file);
    const again = torchSave(torchLoad(original), { path: name });
    expect(Buffer.from(again).equals(Buffer.from(original))).toBe(true);
    if (name !== undefined) expect(Buffer.from(readFileSync(name)).equals(Buffer.from(original))).toBe(true);
  });
});

describe('torchSave', () => {
  it('lays records out as PyTorch: data.pkl, data/<key> in sorted key order, version', () => {
    const value = Array.from({ length: 12 }, (_, i) => floats([i]));
    const zip = ZipReader.open(torchSave(value, { archiveName: 'm' }));
    expect(zip.entries.map((e) => e.name)).toEqual([
      'm/data.pkl',
      ...['0', '1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9'].map((k) => `m/data/${k}`),
      'm/version',
    ]);
    expect(new TextDecoder().decode(zip.read('m/version'))).toBe('3\n');
    for (const e of zip.entries) expect(e.dataOffset % 64).toBe(0);
  });

  it('names the archive after the file stem, or archive for a buffer', () => {
    expect(archiveNameOf('/x/y/weights.v2.pt')).toBe('weights.v2');
    expect(archiveNameOf('noext')).toBe('noext');
    expect(archiveNameOf('a\\b.pt')).toBe('b');
    expect(() => archiveNameOf('dir/.pt')).toThrow(ArchiveError);
    expect(ZipReader.open(torchSave(1)).entries[0]?.name).toBe('archive/data.pkl');
  });

  it('round-trips views of one storage as views, with non-contiguous strides', () => {
    const base = floats([0, 1, 2, 3, 4, 5]);
    const t = new Tensor(base.storage, 'float32', [3, 2], [1, 3], 0);
    const col = new Tensor(base.storage, 'float32', [2], [3], 1);
    const other = new Tensor(new Storage(new Uint8Array(8)), 'int32', [2], [1], 0);
    const back = torchLoad(torchSave({ base, t, col, other, again: base })) as Record<string, Tensor>;
    expect(back.t.storage).toBe(back.base.storage);
    expect(back.col.storage).toBe(back.base.storage);
    expect(back.other.storage).not.toBe(back.base.storage);
    expect(back.again).toBe(back.base);
    expect(back.t.strides).toEqual([1, 3]);
    expect(back.col.offset).toBe(1);
    expect(back.other.dtype).toBe('int32');
    expect(describeValue(back)).toEqual(describeValue({ base, t, col, other, again: base }));
  });

  it('round-trips every dtype, 0-d and empty tensors', () => {
    const value: Record<string, Tensor> = {};
    const sizes = {
      float32: 4,
      float64: 8,
      float16: 2,
      bfloat16: 2,
      int64: 8,
      int32: 4,
      int16: 2,
      int8: 1,
      uint8: 1,
      bool: 1,
    };
    for (const [dtype, size] of Object.entries(sizes)) {
      const bytes = Uint8Array.from({ length: 3 * size }, (_, i) => (dtype === 'bool' ? i % 2 : (i * 37 + 11) & 0xff));
      value[dtype] = new Tensor(new Storage(bytes), dtype as Tensor['dtype'], [3], [1], 0);
    }
    value.scalar = new Tensor(new Storage(new Uint8Array(8)), 'float64', [], [], 0);
    value.empty = new Tensor(new Storage(new Uint8Array(0)), 'float32', [0, 3], [3, 1], 0);
    const back = torchLoad(torchSave(value)) as Record<string, Tensor>;
    expect(describeValue(back)).toEqual(describeValue(value));
  });

  it('writes Maps as OrderedDicts with their _metadata, objects as dicts, and Python scalars', () => {
    const sd = new Map<string, unknown>([['w', floats([1, 2])]]);
    const metadata = new Map<string, unknown>([['', { version: 1 }]]);
    setDictAttributes(sd, new Map([['_metadata', metadata]]));
    const value = {
      sd,
      list: [1, -2, 2 ** 40, 3n ** 50n, 0.5, new FloatScalar(2), -0, Number.NaN, 'é', null, true, false],
      tuple: Object.freeze([1, Object.freeze(['x']), []]),
    };
    const back = torchLoad(torchSave(value)) as typeof value;
    expect(back.sd).toBeInstanceOf(Map);
    expect(getDictAttributes(back.sd)?.get('_metadata')).toEqual(metadata);
    expect(describeValue(back)).toEqual(describeValue(value));
    expect(back.list[5]).toBeInstanceOf(FloatScalar);
  });

  it('writes devices as torch.device(type) or torch.device(type, index), and reads both', () => {
    const back = torchLoad(torchSave([new PickleDevice('cpu'), new PickleDevice('cuda:1')])) as PickleDevice[];
    expect(back.map((d) => d.name)).toEqual(['cpu', 'cuda:1']);
  });

  it('writes tensors that require grad as Parameters unless flagged otherwise', () => {
    const p = floats([1]);
    p.requiresGrad = true;
    const pickle = new SavePickler().dump({ p });
    expect(Buffer.from(pickle).includes('_rebuild_parameter')).toBe(true);
    const back = torchLoad(torchSave({ p })) as { p: Tensor };
    expect(back.p.requiresGrad).toBe(true);
  });

  it('refuses what Python could not read back, with PickleError', () => {
    const bad = [undefined, () => 1, Symbol('s'), new Uint8Array(2), new Date(0), 2 ** 60, '\ud800'];
    for (const v of bad) expect(() => torchSave([v])).toThrow(PickleError);
    const base = floats([1, 2]);
    const reinterpreted = new Tensor(base.storage, 'int32', [2], [1], 0);
    expect(() => torchSave([base, reinterpreted])).toThrow(/view the same data as different types/);
    const cyclic: unknown[] = [];
    const tuple = Object.freeze([cyclic]);
    cyclic.push(tuple);
    // A list that holds a tuple holding the list is fine in Python (the list is memoized first).
    expect(torchLoad(torchSave(cyclic))).toBeDefined();
  });

  it('writes deep nesting without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(torchSave(deep).length).toBeGreaterThan(100_000);
  });
});
