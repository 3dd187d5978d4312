import { Worker } from 'node:worker_threads';

/**
 * The watchdog's thread. A case stuck in a loop cannot be interrupted from its own thread (nor can
 * that thread print), so this one watches the case counter and, when a case has been running for
 * `limit` ms, writes the case's input straight to file descriptor 2 and to `file`, and ends the
 * process. Plain CommonJS: it runs as `eval` code, without the test's TypeScript loader.
 */
export const WATCHDOG_THREAD_CODE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const progress = new Int32Array(workerData.progress);
const current = new Uint8Array(workerData.current);
let seen = -1;
let since = Date.now();
setInterval(() => {
  const n = Atomics.load(progress, 0);
  if (n !== seen || Atomics.load(progress, 1) === 0) {
    seen = n;
    since = Date.now();
    return;
  }
  if (Date.now() - since < workerData.limit) return;
  const length = new DataView(current.buffer).getUint32(0, true);
  const input = Buffer.from(current.slice(4, 4 + length)).toString('utf8');
  try { fs.writeFileSync(workerData.file, input); } catch {}
  fs.writeSync(2, '\\n' + workerData.label + ': a case has run for ' + workerData.limit / 1000 +
    ' s (a hang); its input, also written to ' + workerData.file + ':\\n' + input + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, Math.min(1000, workerData.limit / 4));
`;

export interface HangWatchdogOptions {
  /** A case running this long is a hang. */
  limitMs: number;
  /** Where the stuck case's input is written. */
  file: string;
  /** The longest input recorded (longer ones are cut). */
  maxInput: number;
  /** Names the test in the message. */
  label: string;
}

/**
 * Detects hangs in fuzzing: `run` records each case's input where a watchdog thread can read it;
 * a case that does not return within the limit ends the process with its input printed, instead
 * of hanging the test run forever.
 */
export class HangWatchdog {
  private readonly progress = new Int32Array(new SharedArrayBuffer(8));
  private readonly current: Uint8Array;
  private readonly worker: Worker;

  constructor(options: HangWatchdogOptions) {
    this.current = new Uint8Array(new SharedArrayBuffer(options.maxInput * 3 + 4));
    this.worker = new Worker(WATCHDOG_THREAD_CODE, {
      eval: true,
      workerData: {
        progress: this.progress.buffer,
        current: this.current.buffer,
        limit: options.limitMs,
        file: options.file,
        label: options.label,
      },
    });
    // The watchdog never keeps the process alive by itself.
    this.worker.unref();
  }

  /** Runs one case under watch. */
  run<T>(input: string, body: () => T): T {
    const { written } = new TextEncoder().encodeInto(input, this.current.subarray(4));
    new DataView(this.current.buffer).setUint32(0, written, true);
    Atomics.add(this.progress, 0, 1);
    Atomics.store(this.progress, 1, 1);
    try {
      return body();
    } finally {
      Atomics.store(this.progress, 1, 0);
    }
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
