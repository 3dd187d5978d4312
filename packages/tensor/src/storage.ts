/**
 * The bytes behind one or more tensors (a tensor and all its views share one Storage), and the
 * version counter that in-place ops bump: autograd uses it to detect a saved tensor that was
 * modified.
 */
export class Storage {
  readonly bytes: Uint8Array;
  version = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** A zeroed storage of `byteLength` bytes; `shared` puts it on a SharedArrayBuffer (workers see it). */
  static allocate(byteLength: number, shared = false): Storage {
    return new Storage(new Uint8Array(shared ? new SharedArrayBuffer(byteLength) : new ArrayBuffer(byteLength)));
  }

  get isShared(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && this.bytes.buffer instanceof SharedArrayBuffer;
  }
}
