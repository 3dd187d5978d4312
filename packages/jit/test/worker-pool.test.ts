import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CallCancelledError } from '@tsjit/interpreter';
import { OpError } from '@tsjit/ops';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, type WorkerPoolOptions } from '../src/workers/worker-pool.js';

// The pool starts dist/worker-entry.js: `pnpm test` builds every package first (turbo's test
// task depends on build); run `npx tsup` in packages/jit before running this file on its own.
const entry = new URL('../dist/worker-entry.js', import.meta.url);
if (!existsSync(fileURLToPath(entry)))
  throw new Error('packages/jit/dist/worker-entry.js is missing: run npx tsup first');

const handler = new URL('./support/busy-handler.mjs', import.meta.url);
const pools: WorkerPool[] = [];
function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool {
  const p = new WorkerPool({ handler, data: null, size: 2, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('starts no worker before the first call, then serves 16 concurrent calls on at most `size` workers', async () => {
    const p = pool();
    expect(p.workers).toBe(0);
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => p.call('add', [i, 100])));
    expect(results).toEqual(Array.from({ length: 16 }, (_, i) => i + 100));
    expect(p.workers).toBeLessThanOrEqual(2);
    expect(p.workers).toBeGreaterThanOrEqual(1);
    expect(p.queued).toBe(0);
    expect(p.running).toBe(0);
  });

  it('rejects an already aborted call at once, without starting a worker', async () => {
    const p = pool();
    const controller = new AbortController();
    controller.abort();
    const error = await p.call('add', [1, 2], { signal: controller.signal }).catch((e) => e);
    expect(CallCancelledError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('aborted');
    expect(p.workers).toBe(0);
  });

  it('stops a running call by its deadline, and the same worker serves the next call', async () => {
    const p = pool({ size: 1 });
    await p.call('add', [0, 0]); // the worker is up: the deadline falls while the call runs
    const error = await p.call('spin', [], { timeout: 50 }).catch((e) => e);
    expect(error).toBeInstanceOf(CallCancelledError);
    expect(error.reason).toBe('deadline');
    expect(error.code).toBe('ERR_TSJIT_CANCELLED');
    // The worker came back on its own (it polls the flag): it is the same worker, its count goes on.
    expect(await p.call('add', [2, 3])).toBe(5);
    expect(await p.call('calls', [])).toBe(4);
    expect(p.workers).toBe(1);
  });

  it('aborts a running call through its signal', async () => {
    const p = pool({ size: 1 });
    const controller = new AbortController();
    const call = p.call('spin', [], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    const error = await call.catch((e) => e);
    expect(CallCancelledError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('aborted');
    expect((error.cause as Error).message).toBe('user gave up');
    expect(await p.call('add', [1, 1])).toBe(2);
  });

  it('takes an aborted queued call off the queue: it never runs', async () => {
    const p = pool({ size: 1 });
    const controller = new AbortController();
    await p.call('add', [0, 0]);
    const first = p.call('busy', [100]);
    const queued = p.call('calls', [], { signal: controller.signal });
    expect(p.queued).toBe(1);
    controller.abort();
    const error = await queued.catch((e) => e);
    expect(error.reason).toBe('aborted');
    expect(p.queued).toBe(0);
    expect(await first).toBe(true);
    // 'busy' was call 2 of this worker, this is call 3: the aborted 'calls' never ran.
    expect(await p.call('calls', [])).toBe(3);
  });

  it('cancels a call whose deadline passes while it waits in the queue', async () => {
    const p = pool({ size: 1 });
    await p.call('add', [0, 0]);
    const first = p.call('busy', [300]);
    const error = await p.call('calls', [], { timeout: 10 }).catch((e) => e);
    expect(error.reason).toBe('deadline');
    await first;
    expect(await p.call('calls', [])).toBe(3);
  });

  it('terminates and replaces a worker that does not come back after an interrupt; queued calls go on', async () => {
    const p = pool({ size: 1, interruptGraceMs: 50 });
    await p.call('add', [0, 0]); // call 1 of the first worker
    const blocked = p.call('block', [60_000], { timeout: 20 });
    const queued = p.call('calls', []);
    expect((await blocked.catch((e) => e)).reason).toBe('deadline');
    // Served by a fresh worker: its first call (the first worker would say 3).
    expect(await queued).toBe(1);
    expect(p.workers).toBe(1);
  });

  it('rebuilds worker errors as their own class, with their data and both threads in the stack', async () => {
    const p = pool();
    const error = await p.call('throw', ['list index out of range']).catch((e) => e);
    expect(error).toBeInstanceOf(OpError);
    expect(OpError.isInstance(error)).toBe(true);
    expect(error.message).toBe('list index out of range');
    expect(error.pyType).toBe('IndexError');
    expect(error.code).toBe('ERR_TSJIT_OP');
    expect(error.name).toBe('OpError');
    expect(error.stack).toContain('busy-handler.mjs');
    expect(error.stack).toContain('worker-pool.test.ts');
    const typeError = await p.call('throwType', ['bad']).catch((e) => e);
    expect(typeError).toBeInstanceOf(TypeError);
    expect(typeError.message).toBe('bad');
  });

  it('rejects a result that cannot cross threads, and keeps serving', async () => {
    const p = pool({ size: 1 });
    const error = await p.call('unclonable', []).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DataCloneError');
    expect(await p.call('add', [1, 2])).toBe(3);
  });

  it('gives every waiting call the error when the handler cannot start', async () => {
    const p = pool({ size: 1, data: { failInit: true } });
    const errors = await Promise.all([p.call('add', [1, 2]).catch((e) => e), p.call('add', [1, 2]).catch((e) => e)]);
    for (const error of errors) {
      expect(OpError.isInstance(error)).toBe(true);
      expect(error.message).toBe('the handler cannot start');
    }
    expect(p.workers).toBe(0);
  });

  it('rejects queued and running calls when closed, and calls made afterwards', async () => {
    const p = pool({ size: 1 });
    await p.call('add', [0, 0]);
    const running = p.call('busy', [200]).catch((e) => e);
    const queued = p.call('add', [1, 2]).catch((e) => e);
    await p.close();
    expect((await running).reason).toBe('aborted');
    expect((await queued).reason).toBe('aborted');
    expect((await p.call('add', [1, 2]).catch((e) => e)).reason).toBe('aborted');
    expect(p.workers).toBe(0);
  });

  it('does not keep the process alive once idle', () => {
    // A child process that makes one call and never closes the pool must still exit by itself.
    const script = `
      import { WorkerPool } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
      const pool = new WorkerPool({ handler: ${JSON.stringify(handler.href)}, data: null });
      console.log(await pool.call('add', [20, 22]));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('42');
    expect(child.status).toBe(0);
  });
});
