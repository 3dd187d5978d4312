import { JitError } from './jit-error.js';

/**
 * An invariant of tsjit itself does not hold: a bug in tsjit, never a problem with the user's
 * program or data. The message says which invariant failed.
 */
export class InternalError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.InternalError');

  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_TSJIT_INTERNAL', `internal error (a bug in tsjit, please report it): ${message}`, options);
  }
}

/** Throws an InternalError when `condition` is false. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(message);
}
