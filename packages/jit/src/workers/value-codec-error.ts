import { JitError } from '@tsjit/ir';

/** A value that cannot cross to or from a worker thread (a JS function, an object tsjit does not know). */
export class ValueCodecError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.ValueCodecError');

  constructor(message: string) {
    super('ERR_TSJIT_VALUE_CODEC', message);
  }
}
