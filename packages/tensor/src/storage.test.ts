import { KernelError } from '@tsjit/kernels';
import { describe, expect, it } from 'vitest';
import { Storage } from './storage.js';
import { tensor } from './values.js';

describe('Storage.toShared', () => {
  it('moves a tensor and its views onto one SharedArrayBuffer in place, keeping values and version', () => {
    const t = tensor([1, 2, 3, 4, 5, 6], { dtype: 'float32' });
    const v = t.view([2, 3]).select(0, 1);
    t.add_(1);
    const version = t.storage.version;
    expect(t.storage.isShared).toBe(false);
    const storage = t.storage;
    expect(storage.toShared()).toBe(storage);
    expect(t.storage).toBe(storage);
    expect(storage.isShared).toBe(true);
    expect(storage.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(storage.bytes.byteLength).toBe(6 * 4);
    expect(storage.version).toBe(version);
    expect(t.toArray()).toEqual([2, 3, 4, 5, 6, 7]);
    // The view follows the swap: it reads and writes the shared bytes.
    expect(v.toArray()).toEqual([5, 6, 7]);
    v.mul_(2);
    expect(t.toArray()).toEqual([2, 3, 4, 10, 12, 14]);
  });
  it('leaves a storage that is already shared alone', () => {
    const t = tensor([1, 2], { dtype: 'int64' });
    const bytes = t.storage.toShared().bytes;
    expect(t.storage.toShared().bytes).toBe(bytes);
  });
});

describe('Storage.allocate', () => {
  it('reports a request the allocator cannot meet as a KernelError (out of memory), as PyTorch its allocator', () => {
    for (const [shared, uninitialized] of [
      [false, false],
      [false, true],
      [true, false],
    ]) {
      let error: unknown;
      try {
        Storage.allocate(2 ** 53, shared, uninitialized);
      } catch (e) {
        error = e;
      }
      expect(KernelError.isInstance(error)).toBe(true);
      expect((error as KernelError).code).toBe('ERR_TSJIT_OUT_OF_MEMORY');
      expect((error as Error).message).toBe(
        `DefaultCPUAllocator: not enough memory: you tried to allocate ${2 ** 53} bytes.`,
      );
    }
  });
});
