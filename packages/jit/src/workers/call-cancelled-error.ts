import { JitError } from '@tsjit/ir';

// Stand-in until @tsjit/interpreter (which owns CallCancelledError) lands on main.
export class CallCancelledError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.CallCancelledError');

  readonly reason: 'aborted' | 'deadline';

  constructor(reason: 'aborted' | 'deadline', message?: string, options?: { cause?: unknown }) {
    super(
      'ERR_TSJIT_CANCELLED',
      message ?? (reason === 'deadline' ? 'the call passed its deadline' : 'the call was aborted'),
      options,
    );
    this.reason = reason;
  }
}
