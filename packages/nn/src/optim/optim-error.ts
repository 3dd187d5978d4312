import { JitError } from '@tsjit/ir';

export type OptimErrorType = 'ValueError' | 'TypeError' | 'KeyError' | 'RuntimeError';

/**
 * An optimizer, LR scheduler or gradient-clipping call rejected its arguments or state: PyTorch's message in
 * substance, with the Python exception type PyTorch raises (`pyType`).
 */
export class OptimError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.OptimError');

  readonly pyType: OptimErrorType;

  constructor(message: string, pyType: OptimErrorType = 'ValueError') {
    super('ERR_TSJIT_OPTIM', message);
    this.pyType = pyType;
  }
}
