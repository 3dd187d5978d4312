import { JitError } from '@tsjit/ir';

/** Why a call stopped before it finished. */
export type CancelReason = 'aborted' | 'deadline';

/**
 * A TorchScript call stopped from outside: its AbortSignal fired, or its deadline passed. The
 * interpreter checks on loop back-edges and calls, so even an infinite loop stops; the module
 * stays usable.
 */
export class CallCancelledError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.CallCancelledError');

  readonly reason: CancelReason;

  constructor(reason: CancelReason, message?: string) {
    super(
      'ERR_TSJIT_CANCELLED',
      message ??
        (reason === 'deadline'
          ? 'the TorchScript call did not finish before its deadline and was stopped'
          : 'the TorchScript call was aborted'),
    );
    this.reason = reason;
  }
}
