import { CallCancelledError } from '../errors/call-cancelled-error.js';

/** Options of one call into the interpreter. */
export interface RunOptions {
  /**
   * A flag another thread (or a timer) sets to stop the call: when element 0 is non-zero, the
   * call ends with a CallCancelledError ('aborted'; 'deadline' when element 0 is 2). Checked on
   * loop back-edges and calls.
   */
  readonly interrupt?: Int32Array;
  /** A `Date.now()` time after which the call stops with a CallCancelledError ('deadline'). */
  readonly deadline?: number;
}

/** Interrupt flag values. */
export const INTERRUPT_ABORT = 1;
export const INTERRUPT_DEADLINE = 2;

/** An object a `with` statement entered, and the depth of the frame that entered it. */
interface Entered {
  readonly object: unknown;
  readonly depth: number;
}

/** The state of one call: cancellation, frame depth, the objects `with` statements entered. */
export class RunState {
  readonly interrupt: Int32Array | undefined;
  readonly deadline: number;
  depth = 0;
  readonly entered: Entered[] = [];

  constructor(options: RunOptions = {}) {
    this.interrupt = options.interrupt;
    this.deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  }

  /** Throws a CallCancelledError when the call was interrupted or its deadline passed. */
  poll(): void {
    const flag = this.interrupt !== undefined ? Atomics.load(this.interrupt, 0) : 0;
    if (flag !== 0) throw new CallCancelledError(flag === INTERRUPT_DEADLINE ? 'deadline' : 'aborted');
    if (this.deadline !== Number.POSITIVE_INFINITY && Date.now() > this.deadline) {
      throw new CallCancelledError('deadline');
    }
  }
}
