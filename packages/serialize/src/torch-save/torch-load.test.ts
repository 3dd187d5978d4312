import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { type Description, describeValue } from '../../test/torch-save/describe-value.js';
import { getDictAttributes } from '../pickle/dict-attributes.js';
import { getParameterFlag } from './parameter-flags.js';
import { isPlainDict } from './plain-dicts.js';
import { torchLoad } from './torch-load.js';

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/torch-save');
const expected = JSON.parse(readFileSync(join(fixtureDir, 'expected.json'), 'utf8')) as Record<string, Description>;
const files = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.pt'))
  .sort();

describe('torchLoad of files written by PyTorch 1.13', () => {
  it('has a description for every fixture file', () => {
    expect(files.map((f) => f.slice(0, -3)).sort()).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(11);
  });

  it.each(files)('%s: values, dtypes, sizes, strides, offsets and sharing match PyTorch', (file) => {
    const value = torchLoad(join(fixtureDir, file));
    expect(describeValue(value)).toEqual(expected[file.slice(0, -3)]);
  });

  it('loads from bytes as from a path', () => {
    const bytes = new Uint8Array(readFileSync(join(fixtureDir, 'shared_views.pt')));
    expect(describeValue(torchLoad(bytes))).toEqual(expected.shared_views);
  });

  it('keeps a state dict an OrderedDict Map with its _metadata', () => {
    const sd = torchLoad(join(fixtureDir, 'state_dict.pt')) as Map<string, Tensor>;
    expect(sd).toBeInstanceOf(Map);
    expect(isPlainDict(sd)).toBe(false);
    // The root module's own buffers come before its submodules' entries, as PyTorch orders them.
    expect([...sd.keys()]).toEqual([
      'steps',
      'fc1.weight',
      'fc1.bias',
      'bn.weight',
      'bn.bias',
      'bn.running_mean',
      'bn.running_var',
      'bn.num_batches_tracked',
      'fc2.weight',
    ]);
    const metadata = getDictAttributes(sd)?.get('_metadata') as Map<string, unknown>;
    expect(metadata).toBeInstanceOf(Map);
    expect([...metadata.keys()]).toEqual(['', 'fc1', 'bn', 'fc2']);
    expect(metadata.get('bn')).toEqual({ version: 2 });
    const w = sd.get('fc1.weight') as Tensor;
    expect(w).toBeInstanceOf(Tensor);
    expect(w.dtype).toBe('float32');
    expect(w.sizes).toEqual([4, 3]);
    expect(sd.get('bn.num_batches_tracked')?.dtype).toBe('int64');
  });

  it('shares one Storage between views of one storage, and keeps views separate from others', () => {
    const v = torchLoad(join(fixtureDir, 'shared_views.pt')) as Record<string, Tensor>;
    expect(v.row.storage).toBe(v.base.storage);
    expect(v.col.storage).toBe(v.base.storage);
    expect(v.t.strides).toEqual([1, 4]);
    expect(v.col.offset).toBe(2);
    expect(v.same).toBe(v.base);
    expect(v.other.storage).not.toBe(v.base.storage);
    expect(v.expanded.strides).toEqual([1, 0]);
    // A write through one view is seen through the other, as in PyTorch.
    new Float32Array(v.base.storage.bytes.buffer, v.base.storage.bytes.byteOffset, 12)[6] = 99;
    expect(new Float32Array(v.row.storage.bytes.buffer, v.row.storage.bytes.byteOffset, 12)[v.row.offset + 2]).toBe(99);
  });

  it('marks Parameters and keeps requires_grad', () => {
    const v = torchLoad(join(fixtureDir, 'parameters.pt')) as Record<string, Tensor>;
    expect(getParameterFlag(v.p)).toBe(true);
    expect(v.p.requiresGrad).toBe(true);
    expect(getParameterFlag(v.frozen)).toBe(true);
    expect(v.frozen.requiresGrad).toBe(false);
    expect(getParameterFlag(v.leaf)).toBe(false);
    expect(v.leaf.requiresGrad).toBe(true);
    expect(v.again).toBe(v.p);
  });

  it('returns dicts as objects when an object keeps their keys, else as marked Maps', () => {
    const v = torchLoad(join(fixtureDir, 'nested.pt')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    const intKeys = v.int_keys as Map<number, string>;
    expect(intKeys).toBeInstanceOf(Map);
    expect(isPlainDict(intKeys)).toBe(true);
    expect([...intKeys.keys()]).toEqual([1, 2, -3]);
    const digitKeys = v.digit_keys as Map<string, number>;
    expect(isPlainDict(digitKeys)).toBe(true);
    expect([...digitKeys.keys()]).toEqual(['10', '2']);
    expect(isPlainDict(v.ordered as Map<string, number>)).toBe(false);
    expect(v.empty).toEqual({ list: [], tuple: [], dict: {} });
    expect(Object.isFrozen((v.empty as Record<string, unknown>).tuple)).toBe(true);
    expect((v.ints as unknown[]).slice(-4)).toEqual([2n ** 53n, 2n ** 63n, -(2n ** 63n), 2n ** 70n]);
  });

  it('keeps 0-d and empty tensors', () => {
    const v = torchLoad(join(fixtureDir, 'empty_and_scalar.pt')) as Record<string, Tensor>;
    expect(v.scalar.sizes).toEqual([]);
    expect(v.scalar.strides).toEqual([]);
    expect(v.empty.sizes).toEqual([0]);
    expect(v.empty.storage.bytes.byteLength).toBe(0);
    expect(v.empty_2d.sizes).toEqual([0, 3]);
    expect(v.scalar_view.offset).toBe(3);
  });
});
