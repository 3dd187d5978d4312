// The addon is context-aware: it loads in several worker threads at once, each with its own
// thread pool, and computes correct results in each.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// Each worker runs every kernel family on data derived from its id and reports checksums; the
// main thread recomputes them in plain JS.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.dist).then((k) => {
  const { id, n } = workerData;
  k.setNumThreads(2);
  const f32 = (arr) => ({ data: new Uint8Array(new Float32Array(arr).buffer), dtype: 'float32', sizes: [arr.length], strides: [1], offset: 0 });
  const results = [];
  for (let round = 0; round < 20; round++) {
    // copy with a cast: float32 -> int32 (truncation)
    const src = f32(Array.from({ length: n }, (_, i) => (i % 97) + id + 0.75));
    const dst = { data: new Uint8Array(4 * n), dtype: 'int32', sizes: [n], strides: [1], offset: 0 };
    k.copy(dst, src);
    const ints = new Int32Array(dst.data.buffer);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += ints[i];
    // fill a strided view of a shared buffer
    const shared = { data: new Uint8Array(new SharedArrayBuffer(8 * n)), dtype: 'float64', sizes: [n / 2], strides: [2], offset: 1 };
    k.fill(shared, id);
    const d = new Float64Array(shared.data.buffer);
    let filled = 0;
    for (let i = 0; i < n; i++) filled += d[i];
    // a GEMM big enough to use both intra-op threads, and a row reduction of its result
    const m = 96;
    const A = f32(Array.from({ length: m * m }, (_, i) => ((i * 7 + id) % 13) - 6));
    const B = f32(Array.from({ length: m * m }, (_, i) => ((i * 5 + round) % 11) - 5));
    const C = f32(new Array(m * m).fill(0));
    k.mm({ ...C, sizes: [m, m], strides: [m, 1] }, { ...A, sizes: [m, m], strides: [m, 1] }, { ...B, sizes: [m, m], strides: [m, 1] });
    const rows = f32(new Array(m).fill(0));
    k.sum(rows, { ...C, sizes: [m, m], strides: [m, 1] }, [1]);
    results.push([sum, filled, Array.from(new Float32Array(rows.data.buffer))]);
  }
  parentPort.postMessage({ id, results, threads: k.getNumThreads() });
}).catch((e) => { parentPort.postMessage({ error: String(e && e.stack || e) }); });
`;

describe('worker threads', () => {
  it('loads the addon in 4 workers at once and computes correctly in each', async () => {
    // pnpm test builds dist/ first; without it the workers have nothing to load.
    expect(existsSync(dist), `${dist} is missing: run pnpm build`).toBe(true);
    const n = 1 << 18;
    const runs = [0, 1, 2, 3].map(
      (id) =>
        new Promise<{ id: number; results: [number, number, number[]][]; threads: number; error?: string }>(
          (resolve, reject) => {
            const w = new Worker(workerSource, { eval: true, workerData: { id, n, dist } });
            w.once('message', (m) => {
              resolve(m);
              void w.terminate();
            });
            w.once('error', reject);
          },
        ),
    );
    const done = await Promise.all(runs);
    for (const r of done) {
      expect(r.error).toBeUndefined();
      expect(r.threads).toBe(2);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (i % 97) + r.id; // trunc(x + 0.75) with x >= 0
      const filled = r.id * (n / 2);
      const m = 96;
      r.results.forEach(([s, f, rows], round) => {
        expect(s).toBe(sum);
        expect(f).toBe(filled);
        // row sums of A @ B, exact in integers
        const want: number[] = [];
        for (let i = 0; i < m; i++) {
          let t = 0;
          for (let j = 0; j < m; j++) {
            for (let q = 0; q < m; q++)
              t += ((((i * m + q) * 7 + r.id) % 13) - 6) * ((((q * m + j) * 5 + round) % 11) - 5);
          }
          want.push(t);
        }
        expect(rows).toEqual(want);
      });
    }
  });
});
