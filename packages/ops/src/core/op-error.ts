import { JitError } from '@tsjit/ir';

/** The Python exception type PyTorch raises for the same mistake. */
export type PyErrorType = 'RuntimeError' | 'IndexError' | 'ValueError' | 'TypeError' | 'NotImplementedError';

/**
 * An operator rejected its arguments: PyTorch's message in substance, and the Python exception type
 * PyTorch would raise (TorchScript's `except` and the interpreter's tracebacks use it).
 */
export class OpError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.OpError');

  readonly pyType: PyErrorType;

  constructor(message: string, pyType: PyErrorType = 'RuntimeError') {
    super('ERR_TSJIT_OP', message);
    this.pyType = pyType;
  }
}

/** Throws an OpError (RuntimeError) unless `condition` holds; the message is built only on failure. */
export function check(
  condition: boolean,
  message: () => string,
  pyType: PyErrorType = 'RuntimeError',
): asserts condition {
  if (!condition) throw new OpError(message(), pyType);
}
