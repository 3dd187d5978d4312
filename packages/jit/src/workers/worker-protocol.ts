import type { EncodedError } from './error-codec.js';
import type { EncodedValue } from './value-codec.js';

/**
 * The messages between a WorkerPool and its workers. A worker runs one call at a time: the pool
 * sends it a call only when it is idle, so the interrupt flag belongs to the call in flight.
 */

/** `workerData` of every worker of a pool. */
export interface WorkerInit {
  /** 'module': the built-in handler that serves a ScriptModule; otherwise the URL of a handler module. */
  readonly handler: string;
  /** What the handler is created from (for 'module': the unit's recipe and the encoded module). */
  readonly data: unknown;
  /** Element 0 becomes non-zero (the interpreter's INTERRUPT_ABORT or INTERRUPT_DEADLINE) when the call in flight must stop. */
  readonly interrupt: Int32Array;
}

export interface CallRequest {
  readonly id: number;
  readonly method: string;
  readonly args: EncodedValue[];
  /** Date.now() by which the call must be done, if it has a deadline. */
  readonly deadline: number | undefined;
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly error: EncodedError }
  | { readonly type: 'result'; readonly id: number; readonly value: EncodedValue }
  | { readonly type: 'error'; readonly id: number; readonly error: EncodedError };

/** What a worker runs calls with. Calls are synchronous: the worker has nothing else to do. */
export interface CallHandler {
  call(
    method: string,
    args: EncodedValue[],
    run: { readonly interrupt: Int32Array; readonly deadline?: number },
  ): EncodedValue;
}

/** The default export of a handler module: builds the handler once per worker. */
export type CreateCallHandler = (data: unknown) => CallHandler | Promise<CallHandler>;
