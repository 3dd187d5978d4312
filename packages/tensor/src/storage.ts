import { KernelError, keepFreedMemory } from '@tsjit/kernels';

/**
 * The bytes behind one or more tensors (a tensor and all its views share one Storage), and the
 * version counter that in-place ops bump: autograd uses it to detect a saved tensor that was
 * modified.
 */

// Small storages are carved out of shared slabs, as Node's Buffer pool does: allocating an
// ArrayBuffer costs about ten times more than a view of an existing one, and a tiny op must cost
// no more than in PyTorch. A slab lives as long as any storage in it; storages above SMALL_LIMIT
// get their own ArrayBuffer.
const SLAB_BYTES = 64 * 1024;
const SMALL_LIMIT = 1024;
let slab: ArrayBuffer | null = null;

// The first large storage asks malloc to reuse freed blocks (see keepFreedMemory in
// @tsjit/kernels); TSJIT_MALLOC_TUNING=0 in the environment leaves malloc alone.
let mallocTuned = false;
function tuneMallocOnce(): void {
  mallocTuned = true;
  if (process.env.TSJIT_MALLOC_TUNING !== '0') keepFreedMemory();
}
let slabUsed = SLAB_BYTES;

function smallBytes(byteLength: number): Uint8Array {
  // 16-byte alignment: every dtype's elements are aligned, and SIMD loads of tiny tensors too.
  const size = (byteLength + 15) & ~15;
  if (slabUsed + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const view = new Uint8Array(slab as ArrayBuffer, slabUsed, byteLength);
  slabUsed += size;
  return view;
}

export class Storage {
  readonly bytes: Uint8Array;
  version = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /**
   * A zeroed storage of `byteLength` bytes; `shared` puts it on its own SharedArrayBuffer (worker
   * threads see it without copying). `uninitialized` skips zeroing a large storage (its bytes are
   * whatever the allocator had): only for outputs a kernel overwrites entirely, where zeroing
   * would cost as much as a fast kernel.
   */
  static allocate(byteLength: number, shared = false, uninitialized = false): Storage {
    try {
      return Storage.#allocate(byteLength, shared, uninitialized);
    } catch (error) {
      // V8 refuses a buffer past its limit, or one the system cannot give, with a RangeError;
      // PyTorch's allocator reports the same request as a RuntimeError naming its size.
      if (!(error instanceof RangeError)) throw error;
      throw new KernelError(
        'ERR_TSJIT_OUT_OF_MEMORY',
        `DefaultCPUAllocator: not enough memory: you tried to allocate ${byteLength} bytes.`,
        { cause: error },
      );
    }
  }

  static #allocate(byteLength: number, shared: boolean, uninitialized: boolean): Storage {
    if (shared) return new Storage(new Uint8Array(new SharedArrayBuffer(byteLength)));
    if (byteLength <= SMALL_LIMIT) return new Storage(smallBytes(byteLength));
    if (!mallocTuned) tuneMallocOnce();
    if (uninitialized) {
      const b = Buffer.allocUnsafeSlow(byteLength);
      return new Storage(new Uint8Array(b.buffer, b.byteOffset, byteLength));
    }
    return new Storage(new Uint8Array(new ArrayBuffer(byteLength)));
  }

  get isShared(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && this.bytes.buffer instanceof SharedArrayBuffer;
  }

  /**
   * Moves the bytes onto a SharedArrayBuffer of their own, in place (a no-op when they already
   * are), so that worker threads can see this storage without a copy per thread. Every tensor that
   * views this Storage (a module's weights and all their views) follows, since they hold the
   * Storage, not its bytes; the version counter is kept.
   */
  toShared(): this {
    if (this.isShared) return this;
    const shared = new Uint8Array(new SharedArrayBuffer(this.bytes.byteLength));
    shared.set(this.bytes);
    // `bytes` is readonly to everyone else: this is the one place that swaps it.
    (this as { bytes: Uint8Array }).bytes = shared;
    return this;
  }
}
