import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CallCancelledError, INTERRUPT_ABORT, INTERRUPT_DEADLINE } from '@tsjit/interpreter';
import { decodeError, type EncodedError } from './error-codec.js';
import type { EncodedValue } from './value-codec.js';
import type { CallRequest, WorkerInit, WorkerReply } from './worker-protocol.js';

export interface WorkerPoolOptions {
  /** 'module' (the built-in ScriptModule handler) or the URL of a handler module (see worker-protocol.ts). */
  readonly handler: string | URL;
  /** What each worker builds its handler from (structured-cloned once per worker). */
  readonly data: unknown;
  /** Number of worker threads (default min(2, os.availableParallelism())). */
  readonly size?: number;
  /**
   * How long an interrupted worker may take to stop (ms, default 2000) before it is terminated and
   * replaced: the interpreter stops at its next loop back-edge or call, but a long native kernel
   * does not look at the flag.
   */
  readonly interruptGraceMs?: number;
  /** The worker script (default: worker-entry.js beside this file in dist/). */
  readonly entry?: URL;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborting it cancels the call: a CallCancelledError with reason 'aborted'. */
  readonly signal?: AbortSignal;
  /** Milliseconds from now (queueing included) after which the call is cancelled with reason 'deadline'. */
  readonly timeout?: number;
}

type JobState = 'queued' | 'running' | 'settled';

interface Job {
  readonly id: number;
  readonly method: string;
  readonly args: EncodedValue[];
  readonly deadline: number | undefined;
  readonly callerStack: string | undefined;
  readonly resolve: (value: EncodedValue) => void;
  readonly reject: (error: unknown) => void;
  state: JobState;
  timer: NodeJS.Timeout | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

type SlotState = 'starting' | 'idle' | 'busy' | 'dead';

interface Slot {
  readonly worker: Worker;
  readonly interrupt: Int32Array;
  state: SlotState;
  job: Job | null;
  grace: NodeJS.Timeout | undefined;
  referenced: boolean;
}

/**
 * Worker threads that serve calls from a FIFO queue, one call per worker at a time. Workers are
 * started on demand (the first call starts the first one) up to `size`, and each builds its
 * handler once. An idle pool does not keep the process alive (its workers are unref'ed while
 * they have nothing to do); `close()` ends them.
 *
 * Cancelling (AbortSignal or timeout): a queued call is taken off the queue and never runs; a
 * running call is rejected at once, and its worker's interrupt flag is raised so the interpreter
 * stops at its next loop back-edge; a worker that does not come back within the grace period is
 * terminated and a fresh one takes its place when there is work.
 */
export class WorkerPool {
  readonly size: number;
  readonly #handler: string;
  readonly #data: unknown;
  readonly #graceMs: number;
  readonly #entry: URL;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? Math.min(2, availableParallelism())));
    this.#handler = options.handler instanceof URL ? options.handler.href : options.handler;
    this.#data = options.data;
    this.#graceMs = options.interruptGraceMs ?? 2000;
    this.#entry = options.entry ?? defaultEntry();
  }

  /** Calls waiting for a worker. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Calls running on a worker. */
  get running(): number {
    return this.#slots.filter((s) => s.state === 'busy').length;
  }

  /** Worker threads alive (starting, idle or busy). */
  get workers(): number {
    return this.#slots.length;
  }

  /** Runs `method` on a worker with arguments already encoded (value-codec.ts); resolves to the encoded result. */
  call(method: string, args: EncodedValue[], options: CallOptions = {}): Promise<EncodedValue> {
    const callerStack = new Error().stack;
    if (this.#closed) return Promise.reject(new CallCancelledError('aborted', 'the worker pool is closed'));
    const { signal, timeout } = options;
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0)) {
      return Promise.reject(new RangeError(`timeout must be a number of milliseconds >= 0, got ${String(timeout)}`));
    }
    return new Promise<EncodedValue>((resolve, reject) => {
      const job: Job = {
        id: this.#nextId++,
        method,
        args,
        deadline: timeout === undefined ? undefined : Date.now() + timeout,
        callerStack,
        resolve,
        reject,
        state: 'queued',
        timer: undefined,
        signal,
        onAbort: undefined,
      };
      if (signal !== undefined) {
        job.onAbort = () => this.#cancel(job, abortedError(signal), INTERRUPT_ABORT);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      if (timeout !== undefined) {
        job.timer = setTimeout(
          () =>
            this.#cancel(
              job,
              new CallCancelledError(
                'deadline',
                `the TorchScript call did not finish within its timeout (${timeout} ms) and was stopped`,
              ),
              INTERRUPT_DEADLINE,
            ),
          timeout,
        );
        // The worker running or about to run the call keeps the process alive, not this timer.
        job.timer.unref();
      }
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Ends every worker; calls still queued or running are rejected (CallCancelledError, 'aborted'). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closed = new CallCancelledError('aborted', 'the worker pool was closed');
    for (const job of this.#queue.splice(0)) this.#settle(job, closed, false);
    const slots = this.#slots.splice(0);
    for (const slot of slots) {
      if (slot.job !== null) this.#settle(slot.job, closed, false);
      slot.state = 'dead';
      clearTimeout(slot.grace);
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((s) => s.state === 'idle');
      if (slot === undefined) break;
      this.#dispatch(slot, this.#queue.shift() as Job);
    }
    const starting = this.#slots.filter((s) => s.state === 'starting').length;
    let wanted = this.#queue.length - starting;
    while (wanted > 0 && this.#slots.length < this.size && !this.#closed) {
      this.#spawn();
      wanted--;
    }
    this.#updateReferences();
  }

  #spawn(): void {
    const interrupt = new Int32Array(new SharedArrayBuffer(4));
    const init: WorkerInit = { handler: this.#handler, data: this.#data, interrupt };
    const worker = new Worker(this.#entry, { workerData: init, execArgv: workerExecArgv() });
    const slot: Slot = { worker, interrupt, state: 'starting', job: null, grace: undefined, referenced: true };
    this.#slots.push(slot);
    worker.on('message', (reply: WorkerReply) => this.#onReply(slot, reply));
    worker.on('error', (error) => this.#onWorkerGone(slot, error));
    worker.on('exit', (code) => this.#onWorkerGone(slot, new Error(`a worker thread exited (code ${code})`)));
  }

  #dispatch(slot: Slot, job: Job): void {
    // The flag may still be raised by the previous call, which was cancelled but came back anyway.
    Atomics.store(slot.interrupt, 0, 0);
    slot.state = 'busy';
    slot.job = job;
    job.state = 'running';
    const request: CallRequest = { id: job.id, method: job.method, args: job.args, deadline: job.deadline };
    try {
      slot.worker.postMessage(request);
    } catch (error) {
      // Arguments that cannot be cloned: the worker never got the call.
      slot.state = 'idle';
      slot.job = null;
      this.#settle(job, error, false);
    }
  }

  #onReply(slot: Slot, reply: WorkerReply): void {
    if (slot.state === 'dead') return;
    switch (reply.type) {
      case 'ready':
        slot.state = 'idle';
        break;
      case 'init-error': {
        // Building the handler failed (the module does not compile on a worker): every call waiting
        // would fail the same way, so they all get the error, and no worker is started for them.
        this.#remove(slot);
        void slot.worker.terminate();
        for (const job of this.#queue.splice(0)) this.#settle(job, decodeError(reply.error, job.callerStack), false);
        break;
      }
      case 'result':
      case 'error': {
        const job = slot.job;
        slot.job = null;
        slot.state = 'idle';
        clearTimeout(slot.grace);
        slot.grace = undefined;
        // A cancelled call was settled already: what its worker says afterwards is dropped.
        if (job !== null && job.id === reply.id && job.state === 'running') {
          if (reply.type === 'result') this.#settle(job, reply.value, true);
          else this.#settle(job, decodeError(reply.error as EncodedError, job.callerStack), false);
        }
        break;
      }
    }
    this.#pump();
  }

  #onWorkerGone(slot: Slot, error: unknown): void {
    if (slot.state === 'dead') return;
    const wasStarting = slot.state === 'starting';
    this.#remove(slot);
    if (slot.job !== null && slot.job.state === 'running') this.#settle(slot.job, error, false);
    // A worker that dies before it is ready would die again: the waiting calls get the error
    // instead of an endless series of new workers.
    if (wasStarting) for (const job of this.#queue.splice(0)) this.#settle(job, error, false);
    this.#pump();
  }

  #remove(slot: Slot): void {
    slot.state = 'dead';
    clearTimeout(slot.grace);
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
  }

  #cancel(job: Job, error: Error, flag: number): void {
    if (job.state === 'settled') return;
    if (job.state === 'queued') {
      const i = this.#queue.indexOf(job);
      if (i >= 0) this.#queue.splice(i, 1);
      this.#settle(job, error, false);
      this.#pump();
      return;
    }
    const slot = this.#slots.find((s) => s.job === job);
    this.#settle(job, error, false);
    if (slot === undefined) return;
    Atomics.store(slot.interrupt, 0, flag);
    Atomics.notify(slot.interrupt, 0);
    slot.grace = setTimeout(() => {
      if (slot.job !== job || slot.state === 'dead') return;
      // Still busy with the cancelled call (a long native kernel): start over with a fresh worker.
      this.#remove(slot);
      void slot.worker.terminate();
      this.#pump();
    }, this.#graceMs);
    slot.grace.unref();
  }

  #settle(job: Job, outcome: unknown, ok: boolean): void {
    if (job.state === 'settled') return;
    job.state = 'settled';
    clearTimeout(job.timer);
    if (job.onAbort !== undefined) job.signal?.removeEventListener('abort', job.onAbort);
    job.onAbort = undefined;
    job.signal = undefined;
    if (ok) job.resolve(outcome as EncodedValue);
    else job.reject(outcome);
  }

  // A worker keeps the process alive only while it has work (a call, or calls waiting for it to start).
  #updateReferences(): void {
    const waiting = this.#queue.length > 0;
    for (const slot of this.#slots) {
      const wanted = slot.state === 'busy' || (slot.state === 'starting' && waiting);
      if (wanted === slot.referenced) continue;
      slot.referenced = wanted;
      if (wanted) slot.worker.ref();
      else slot.worker.unref();
    }
  }
}

// Workers inherit node's flags, except those about the main script (`node --input-type=module -e
// ...` would make the worker reject its own entry file).
function workerExecArgv(): string[] {
  const argv: string[] = [];
  const flags = process.execArgv;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (flag === '-e' || flag === '--eval' || flag === '-p' || flag === '--print' || flag === '--input-type') {
      i++;
      continue;
    }
    if (flag.startsWith('--input-type=') || flag.startsWith('--eval=') || flag.startsWith('--print=')) continue;
    argv.push(flag);
  }
  return argv;
}

function abortedError(signal: AbortSignal): CallCancelledError {
  const error = new CallCancelledError('aborted');
  // What the signal was aborted with (an AbortError, or the reason given to abort()).
  Object.defineProperty(error, 'cause', { value: signal.reason, writable: true, configurable: true });
  return error;
}

// dist/index.js and dist/worker-entry.js sit side by side. Tests run this file from src/, where
// there is no worker-entry.js: they use the built one (packages are built before they are tested).
function defaultEntry(): URL {
  const beside = new URL('./worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL('../../dist/worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  return beside;
}
