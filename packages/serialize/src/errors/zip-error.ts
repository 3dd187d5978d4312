import { JitError } from '@tsjit/ir';

/**
 * A zip archive could not be read or written: not a zip, truncated, a bad offset or size, a record
 * whose CRC or length does not match its header, an unsupported feature, or a budget exceeded. `entry`
 * names the record concerned when there is one, so a loader can report which part of an archive is bad.
 */
export class ZipError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.ZipError');

  /** The name of the record the problem is in, when the problem belongs to one record. */
  readonly entry: string | undefined;

  constructor(message: string, entry?: string, options?: { cause?: unknown }) {
    super('ERR_TSJIT_ZIP', entry === undefined ? message : `${message} (entry '${entry}')`, options);
    this.entry = entry;
  }
}
