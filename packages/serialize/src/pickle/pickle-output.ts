import { PickleError } from '../errors/pickle-error.js';
import { Op } from './opcodes.js';

/**
 * The byte stream both picklers write (PyTorch's C++ Pickler for TorchScript archives, CPython's
 * protocol-2 pickler for `torch.save` files): a growing buffer and the opcodes whose encoding the
 * two share (memo puts and gets, small ints, floats). What differs between them (which values
 * are memoized, how big ints and strings are written) stays in each pickler.
 */
export class PickleOutput {
  protected out: Uint8Array;
  protected length = 0;

  constructor(initialSize: number) {
    this.out = new Uint8Array(initialSize);
  }

  /** The pickle so far. */
  protected written(): Uint8Array {
    return this.out.slice(0, this.length);
  }

  protected fail(message: string): never {
    throw new PickleError(message, this.length);
  }

  protected reserve(n: number): void {
    if (this.length + n <= this.out.length) return;
    let size = this.out.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.out.subarray(0, this.length));
    this.out = next;
  }

  protected byte(v: number): void {
    this.reserve(1);
    this.out[this.length++] = v;
  }

  protected bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.out.set(data, this.length);
    this.length += data.length;
  }

  protected u16(v: number): void {
    this.reserve(2);
    this.out[this.length++] = v & 0xff;
    this.out[this.length++] = v >>> 8;
  }

  protected u32(v: number): void {
    this.reserve(4);
    new DataView(this.out.buffer).setUint32(this.length, v, true);
    this.length += 4;
  }

  /** BINPUT / LONG_BINPUT of memo entry `id`. */
  protected binPut(id: number): void {
    if (id <= 0xff) {
      this.byte(Op.BINPUT);
      this.byte(id);
    } else {
      if (id > 0xffffffff) this.fail('more than 2^32 memo entries');
      this.byte(Op.LONG_BINPUT);
      this.u32(id);
    }
  }

  /** BINGET / LONG_BINGET of memo entry `id`. */
  protected binGet(id: number): void {
    if (id <= 0xff) {
      this.byte(Op.BINGET);
      this.byte(id);
    } else {
      this.byte(Op.LONG_BINGET);
      this.u32(id);
    }
  }

  /** An int in BININT1/BININT2/BININT when it fits 32 bits; false (nothing written) otherwise. */
  protected smallInt(n: number | bigint): boolean {
    if (typeof n === 'number' && n >= 0 && n <= 0xff) {
      this.byte(Op.BININT1);
      this.byte(n);
    } else if (typeof n === 'number' && n >= 0 && n <= 0xffff) {
      this.byte(Op.BININT2);
      this.u16(n);
    } else if (n >= -0x80000000 && n <= 0x7fffffff) {
      this.byte(Op.BININT);
      this.reserve(4);
      new DataView(this.out.buffer).setInt32(this.length, Number(n), true);
      this.length += 4;
    } else {
      return false;
    }
    return true;
  }

  /** BINFLOAT (a big-endian double, as both writers emit it). */
  protected float(v: number): void {
    this.byte(Op.BINFLOAT);
    this.reserve(8);
    new DataView(this.out.buffer).setFloat64(this.length, v, false);
    this.length += 8;
  }
}
