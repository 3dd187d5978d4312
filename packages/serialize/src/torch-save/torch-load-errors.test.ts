import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Storage, Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { replaceBytes, rewriteArchive } from '../../test/torch-save/rewrite-archive.js';
import { ArchiveError } from '../errors/archive-error.js';
import { PickleError } from '../errors/pickle-error.js';
import { ZipError } from '../errors/zip-error.js';
import { ZipReader } from '../zip/zip-reader.js';
import { torchLoad } from './torch-load.js';
import { torchSave } from './torch-save.js';

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/torch-save');
const file = (name: string) => new Uint8Array(readFileSync(join(fixtureDir, name)));
const sharedViews = file('shared_views.pt');
const pkl = (bytes: Uint8Array, root: string) => ZipReader.open(bytes).read(`${root}/data.pkl`);

/** The error torchLoad throws (fails the test when it throws none). */
function errorOf(bytes: Uint8Array, options = {}): Error & { entry?: string } {
  try {
    torchLoad(bytes, options);
  } catch (error) {
    return error as Error & { entry?: string };
  }
  throw new Error('torchLoad did not throw');
}

describe('torchLoad of malformed files', () => {
  it('rejects what is not a zip, and truncated zips, with ZipError', () => {
    expect(errorOf(new TextEncoder().encode('hello, not a zip'))).toBeInstanceOf(ZipError);
    expect(errorOf(sharedViews.subarray(0, sharedViews.length - 30))).toBeInstanceOf(ZipError);
    expect(errorOf(new Uint8Array(0))).toBeInstanceOf(ZipError);
  });

  it('recognizes the legacy format and says so', () => {
    const e = errorOf(Uint8Array.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc]));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.message).toMatch(/legacy torch\.save file/);
  });

  it('names a missing data.pkl, storage or version record', () => {
    let e = errorOf(rewriteArchive(sharedViews, { 'shared_views/data.pkl': null }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.entry).toBe('shared_views/data.pkl');
    e = errorOf(rewriteArchive(sharedViews, { 'shared_views/data/1': null }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.entry).toBe('shared_views/data/1');
    e = errorOf(rewriteArchive(sharedViews, { 'shared_views/version': null }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.entry).toBe('shared_views/version');
  });

  it('rejects an unsupported version and byte order', () => {
    let e = errorOf(rewriteArchive(sharedViews, { 'shared_views/version': new TextEncoder().encode('99\n') }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.message).toMatch(/unsupported archive version '99'/);
    e = errorOf(rewriteArchive(sharedViews, {}, { 'shared_views/byteorder': new TextEncoder().encode('middle') }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.entry).toBe('shared_views/byteorder');
  });

  it('reads big-endian storages of 2.1+ files', () => {
    const bytes = file('buffer.pt');
    const little = ZipReader.open(bytes).read('archive/data/0');
    const big = little.slice();
    for (let i = 0; i < big.length; i += 4) big.subarray(i, i + 4).reverse();
    const swapped = rewriteArchive(
      bytes,
      { 'archive/data/0': big },
      { 'archive/byteorder': new TextEncoder().encode('big') },
    );
    const value = torchLoad(swapped) as { w: { storage: { bytes: Uint8Array } } };
    expect(Buffer.from(value.w.storage.bytes).equals(Buffer.from(little))).toBe(true);
  });

  it('names a storage shorter than its persistent id claims', () => {
    const e = errorOf(rewriteArchive(sharedViews, { 'shared_views/data/0': new Uint8Array(8) }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.entry).toBe('shared_views/data/0');
    expect(e.message).toMatch(/holds 8 bytes but its persistent id claims 12 elements/);
  });

  it('rejects globals outside the allowlist with a PickleError naming data.pkl', () => {
    const evil = replaceBytes(pkl(sharedViews, 'shared_views'), 'collections\nOrderedDict\n', 'os\nsystem\n');
    const e = errorOf(rewriteArchive(sharedViews, { 'shared_views/data.pkl': evil }));
    expect(e).toBeInstanceOf(PickleError);
    expect(e.entry).toBe('shared_views/data.pkl');
    expect(e.message).toMatch(/global 'os\.system' is not allowed/);
  });

  it('rejects a view that reaches past its storage', () => {
    // shared_views' 'row' is sizes (4,), strides (1,) at offset 4 of 12 elements: offset 4 → 9.
    const data = pkl(sharedViews, 'shared_views');
    const at = Buffer.from(data).indexOf(Buffer.from('K\x04K\x04\x85', 'latin1'));
    expect(at).toBeGreaterThan(0);
    const bad = data.slice();
    bad[at + 1] = 9;
    const e = errorOf(rewriteArchive(sharedViews, { 'shared_views/data.pkl': bad }));
    expect(e).toBeInstanceOf(PickleError);
    expect(e.message).toMatch(/reaches past its storage of 12 elements/);
    expect(e.entry).toBe('shared_views/data.pkl');
  });

  it('rejects storage types tsjit has no dtype for', () => {
    const complex = replaceBytes(
      pkl(sharedViews, 'shared_views'),
      'torch\nFloatStorage\n',
      'torch\nComplexFloatStorage\n',
    );
    const e = errorOf(rewriteArchive(sharedViews, { 'shared_views/data.pkl': complex }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.message).toMatch(/ComplexFloatStorage are not supported/);
    expect(e.entry).toBe('shared_views/data/0');
  });

  it('rejects a quantized tensor whose zero point its dtype cannot hold', () => {
    const quantized = file('quantized.pt');
    // The qint8 tensor's quantizer_params: (per_tensor_affine, 0.1, 3) → zero point 200.
    const data = replaceBytes(pkl(quantized, 'quantized'), 'K\x03\x87', 'K\xc8\x87');
    const e = errorOf(rewriteArchive(quantized, { 'quantized/data.pkl': data }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.message).toMatch(/bad quantized tensor: .*zero_point 200 is outside the range of qint8/);
    expect(e.entry).toBe('quantized/data.pkl');
  });

  it('rejects absurd sizes and deep nesting within the budget', () => {
    const one = new Tensor(new Storage(new Uint8Array(4)), 'float32', [2 ** 31 - 1], [0], 0);
    // An expanded view (stride 0) of 2^31-1 elements is valid, as in PyTorch...
    expect((torchLoad(torchSave(one)) as Tensor).sizes).toEqual([2 ** 31 - 1]);
    // ...but one whose element count passes 2^53 is refused before anything uses it.
    const absurd = new Tensor(new Storage(new Uint8Array(4)), 'float32', [2 ** 31 - 1, 2 ** 31 - 1], [0, 0], 0);
    let e = errorOf(torchSave(absurd, { archiveName: 'x' }));
    expect(e).toBeInstanceOf(ArchiveError);
    expect(e.message).toMatch(/more elements than 2\^53/);
    expect(e.entry).toBe('x/data.pkl');
    const tooMany = new Tensor(
      new Storage(new Uint8Array(4)),
      'float32',
      new Array(65).fill(1),
      new Array(65).fill(0),
      0,
    );
    e = errorOf(torchSave(tooMany));
    expect(e).toBeInstanceOf(PickleError);
    expect(e.message).toMatch(/65 dimensions/);
    // Lists nested 2,000 deep (EMPTY_LIST x 2000, APPEND x 1999) pass the default depth budget of 1,000.
    const deep = new Uint8Array([0x80, 0x02, ...new Array(2000).fill(0x5d), ...new Array(1999).fill(0x61), 0x2e]);
    e = errorOf(rewriteArchive(sharedViews, { 'shared_views/data.pkl': deep }));
    expect(e).toBeInstanceOf(PickleError);
    expect(e.message).toMatch(/nested deeper than 1000/);
    expect(e.entry).toBe('shared_views/data.pkl');
  });
});
