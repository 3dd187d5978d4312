import { JitError } from '@tsjit/ir';

/**
 * A pickle could not be read or written: a malformed or hostile input (bad opcode, wrong operand
 * types, a length past the end, a budget exceeded, a global outside the allowlist) or a value the
 * pickler cannot represent. `offset` is the byte offset of the opcode at fault (the output offset
 * when writing); `entry` names the archive record and is set by the caller that knows it.
 */
export class PickleError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.PickleError');

  readonly offset: number;
  readonly entry: string | undefined;
  /** The message without the entry and offset decorations. */
  readonly detail: string;

  constructor(detail: string, offset: number, entry?: string) {
    super('ERR_TSJIT_PICKLE', `${entry === undefined ? '' : `${entry}: `}${detail} (at byte ${offset})`);
    this.detail = detail;
    this.offset = offset;
    this.entry = entry;
  }

  /** The same error, attributed to an archive record (e.g. 'archive/data.pkl'). */
  withEntry(entry: string): PickleError {
    return new PickleError(this.detail, this.offset, entry);
  }
}
