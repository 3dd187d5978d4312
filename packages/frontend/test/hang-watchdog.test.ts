import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WATCHDOG_THREAD_CODE } from '../src/testing/hang-watchdog.js';

/**
 * The fuzz tests' hang detection, in a child process (the watchdog ends the process it watches):
 * the child runs "cases" the way HangWatchdog.run records them, with a 300 ms limit.
 */
function runChild(cases: string, file: string) {
  const script = `
    const { Worker } = require('node:worker_threads');
    const progress = new Int32Array(new SharedArrayBuffer(8));
    const current = new Uint8Array(new SharedArrayBuffer(1024));
    const worker = new Worker(process.env.WATCHDOG_CODE, {
      eval: true,
      workerData: { progress: progress.buffer, current: current.buffer, limit: 300, file: process.env.HANG_FILE, label: 'child' },
    });
    worker.unref();
    function run(input, body) {
      const { written } = new TextEncoder().encodeInto(input, current.subarray(4));
      new DataView(current.buffer).setUint32(0, written, true);
      Atomics.add(progress, 0, 1);
      Atomics.store(progress, 1, 1);
      try { body(); } finally { Atomics.store(progress, 1, 0); }
    }
    function busy(ms) { const end = Date.now() + ms; while (Date.now() < end) {} }
    ${cases}
  `;
  return spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, WATCHDOG_CODE: WATCHDOG_THREAD_CODE, HANG_FILE: file },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the fuzz tests hang watchdog', () => {
  it('ends a process whose case does not return, printing the case input', () => {
    const file = join(tmpdir(), `tsjit-watchdog-test-${process.pid}.py`);
    try {
      const result = runChild(
        `run('fast case', () => busy(10)); run('def f():\\n    while True:\\n        pass\\n', () => { for (;;) {} });`,
        file,
      );
      expect(result.signal).toBe('SIGKILL');
      expect(result.stderr).toContain('child: a case has run for 0.3 s (a hang)');
      expect(result.stderr).toContain('    while True:');
      expect(readFileSync(file, 'utf8')).toBe('def f():\n    while True:\n        pass\n');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('leaves alone a process whose cases keep returning, also when they add up past the limit', () => {
    const file = join(tmpdir(), `tsjit-watchdog-test-${process.pid}-ok.py`);
    const result = runChild(
      `for (let i = 0; i < 8; i++) run('case ' + i, () => busy(100)); busy(600); console.log('done');`,
      file,
    );
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('done');
  });
});
