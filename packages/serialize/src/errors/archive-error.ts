import { JitError } from '@tsjit/ir';

/**
 * A TorchScript or `torch.save` archive is readable as a zip but not as an archive: a record is
 * missing, the version is unsupported, a storage is shorter than its tensors claim, a class or
 * value does not fit. `entry` names the archive record concerned.
 */
export class ArchiveError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.ArchiveError');

  readonly entry: string | undefined;

  constructor(message: string, entry?: string, options?: { cause?: unknown }) {
    super('ERR_TSJIT_ARCHIVE', entry === undefined ? message : `${message} (entry '${entry}')`, options);
    this.entry = entry;
  }
}
