import { JitError } from '@tsjit/ir';

/**
 * A `.npy` file cannot be read (malformed or unsupported), or an array cannot be written as one.
 * The message says what is wrong in the terms of the NumPy format.
 */
export class NpyError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.NpyError');

  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_TSJIT_NPY', message, options);
  }
}
