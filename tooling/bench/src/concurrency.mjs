#!/usr/bin/env node
// pnpm bench concurrency: the concurrency figures of issue 5 (forwardAsync on worker threads).
// Not timed workloads with a PyTorch side, so not a suite of workloads/index.mjs: this script
// measures and prints
//   (a) 16 concurrent forwardAsync calls on one module, each checked against the synchronous forward;
//   (b) the main thread's event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution) while
//       two workers are saturated for ~3 s, and, for contrast, while the same calls run synchronously;
//   (c) an infinite TorchScript loop called with `timeout: 200`: the CallCancelledError, how long it
//       took, and a normal call on the same module afterwards;
//   (d) RSS after warm-up and after 10,000 calls of a small model, synchronously and through
//       forwardAsync, as growth in percent.
// It writes bench/results/concurrency.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CallCancelledError, CompilationUnit, closeWorkers, workerPoolOf } from '@tsjit/jit';
import { tensor } from '@tsjit/tensor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// RSS is compared after full collections: without them it measures when V8 last collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const SOURCE = `
class Net(torch.nn.Module):
    w1: Tensor
    b1: Tensor
    w2: Tensor
    b2: Tensor

    def forward(self, x: Tensor) -> Tensor:
        h = torch.relu(x.matmul(self.w1) + self.b1)
        return h.matmul(self.w2) + self.b2

    def heavy(self, x: Tensor, rounds: int) -> Tensor:
        for _ in range(rounds):
            x = torch.tanh(x.matmul(self.w1).matmul(self.w1.t()) * 0.01)
        return x.sum()

    def spin(self) -> int:
        i = 0
        while True:
            i += 1
        return i
`;

// A deterministic pseudo-random fill, so runs are comparable.
function filled(rows, cols, seed) {
  let s = seed;
  const data = [];
  for (let r = 0; r < rows; r++) {
    const row = [];
    for (let c = 0; c < cols; c++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      row.push((s / 2147483648 - 0.5) * 0.2);
    }
    data.push(row);
  }
  return tensor(data, { dtype: 'float32' });
}

function makeNet(cu, inputs, hidden, outputs) {
  return cu.getClass('Net').createModule({
    w1: filled(inputs, hidden, 1),
    b1: filled(1, hidden, 2),
    w2: filled(hidden, outputs, 3),
    b2: filled(1, outputs, 4),
  });
}

const same = (a, b) => JSON.stringify(a.toArray()) === JSON.stringify(b.toArray());
const ms = (ns) => ns / 1e6;
const rssMiB = () => process.memoryUsage().rss / 2 ** 20;
const sleep = (t) => new Promise((r) => setTimeout(r, t));

const report = { date: new Date().toISOString(), node: process.version };
const cu = new CompilationUnit(SOURCE);

// (a) 16 concurrent calls.
{
  const net = makeNet(cu, 64, 128, 16);
  const inputs = Array.from({ length: 16 }, (_, i) => filled(8, 64, 100 + i));
  const expected = inputs.map((x) => net.forward(x));
  const t0 = process.hrtime.bigint();
  const results = await Promise.all(inputs.map((x) => net.forwardAsync(x)));
  const elapsed = ms(Number(process.hrtime.bigint() - t0));
  const correct = results.filter((r, i) => same(r, expected[i])).length;
  const workers = workerPoolOf(net).workers;
  report.concurrent = { calls: 16, correct, workers, elapsedMs: elapsed };
  console.log(
    `(a) 16 concurrent forwardAsync calls: ${correct}/16 equal to forward; ${workers} workers; ${elapsed.toFixed(0)} ms (worker start-up included)`,
  );
  await closeWorkers(net);
}

// (b) Event-loop delay while two workers are saturated.
{
  const net = makeNet(cu, 256, 256, 16);
  const x = filled(64, 256, 7);
  const rounds = 40;
  const expected = net.runMethod('heavy', x, rounds);
  // Start the workers and compile on them before measuring.
  await Promise.all([net.runMethodAsync('heavy', [x, 1]), net.runMethodAsync('heavy', [x, 1])]);
  const pool = workerPoolOf(net);
  const perCall = (() => {
    const t = process.hrtime.bigint();
    net.runMethod('heavy', x, rounds);
    return ms(Number(process.hrtime.bigint() - t));
  })();

  const measure = async (label, run) => {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const stats = await run();
    histogram.disable();
    const figures = {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      ...stats,
    };
    console.log(
      `    ${label}: event-loop delay p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms, max ${figures.max.toFixed(2)} ms; ${stats.calls} calls${stats.wrong ? `, ${stats.wrong} WRONG` : ''}`,
    );
    return figures;
  };

  console.log(
    `(b) event-loop delay, ~3 s each; one call = 'heavy' (${rounds} rounds of 64x256 GEMMs), ${perCall.toFixed(1)} ms synchronously`,
  );
  const saturated = await measure(`forwardAsync, ${pool.size} workers saturated (4 calls in flight)`, async () => {
    const end = Date.now() + 3000;
    let calls = 0;
    let wrong = 0;
    let maxRunning = 0;
    const lane = async () => {
      while (Date.now() < end) {
        const r = await net.runMethodAsync('heavy', [x, rounds]);
        if (!same(r, expected)) wrong++;
        calls++;
        maxRunning = Math.max(maxRunning, pool.running);
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    return { calls, wrong, maxRunning };
  });
  const blocking = await measure('the same calls synchronously on the main thread (for contrast)', async () => {
    const end = Date.now() + 3000;
    let calls = 0;
    while (Date.now() < end) {
      net.runMethod('heavy', x, rounds);
      calls++;
      // Yield between calls, as a server handling one request per tick would.
      await new Promise((r) => setImmediate(r));
    }
    return { calls };
  });
  report.eventLoopDelay = { perCallMs: perCall, workers: pool.size, saturated, blocking };
  await closeWorkers(net);
}

// (c) An infinite loop stopped by its deadline.
{
  const net = makeNet(cu, 8, 8, 2);
  const x = filled(1, 8, 9);
  await net.forwardAsync(x); // workers up
  const t0 = Date.now();
  let error;
  try {
    await net.runMethodAsync('spin', [], { timeout: 200 });
  } catch (e) {
    error = e;
  }
  const stoppedAfter = Date.now() - t0;
  const cancelled = CallCancelledError.isInstance(error) && error.reason === 'deadline';
  const after = await net.forwardAsync(x);
  const serves = same(after, net.forward(x));
  // The worker that ran the loop came back by itself (no replacement): same number of workers.
  await sleep(50);
  const workers = workerPoolOf(net).workers;
  report.deadline = { cancelled, message: error?.message, stoppedAfterMs: stoppedAfter, servesAfter: serves, workers };
  console.log(
    `(c) while True loop, timeout 200 ms: ${cancelled ? 'CallCancelledError (deadline)' : `UNEXPECTED ${error}`} after ${stoppedAfter} ms: "${error?.message}"; next call ${serves ? 'correct' : 'WRONG'}; ${workers} workers`,
  );
  await closeWorkers(net);
}

// (d) RSS over 10,000 calls of a small model.
{
  const calls = 10_000;
  const net = makeNet(cu, 16, 32, 4);
  const x = filled(1, 16, 11);
  const expected = net.forward(x);
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await sleep(20);
    }
    return rssMiB();
  };
  const sync = async () => {
    for (let i = 0; i < calls; i++) net.forward(x);
  };
  // 8 calls in flight at a time, as concurrent requests would be.
  const viaWorkers = async (n) => {
    let wrong = 0;
    let next = 0;
    const lane = async () => {
      while (next < n) {
        next++;
        if (!same(await net.forwardAsync(x), expected)) wrong++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    return wrong;
  };
  const results = {};
  for (const [label, run] of [
    ['forward (sync)', sync],
    ['forwardAsync', () => viaWorkers(calls)],
  ]) {
    await run(); // warm-up: 10,000 calls
    const before = await settle();
    const t0 = Date.now();
    const wrong = await run();
    const seconds = (Date.now() - t0) / 1000;
    const after = await settle();
    const growth = ((after - before) / before) * 100;
    results[label] = {
      rssBeforeMiB: before,
      rssAfterMiB: after,
      growthPercent: growth,
      callsPerSecond: calls / seconds,
    };
    console.log(
      `(d) ${label}: RSS ${before.toFixed(1)} MiB after warm-up, ${after.toFixed(1)} MiB after ${calls} more calls: ${growth >= 0 ? '+' : ''}${growth.toFixed(2)}% (${(calls / seconds).toFixed(0)} calls/s${wrong ? `, ${wrong} WRONG` : ''})`,
    );
  }
  report.rss = results;
  await closeWorkers(net);
}

const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'concurrency.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${join('bench', 'results', 'concurrency.json')}`);
