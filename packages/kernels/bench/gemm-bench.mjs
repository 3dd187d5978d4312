// Quick GEMM/conv timing against the raw addon (medians of repeats). Not part of the tests.
//   node bench/gemm-bench.mjs [threads] [filter]
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const native = require('../build/Release/tsjit_kernels.node');
const threads = Number(process.argv[2] ?? 1);
const filter = process.argv[3] ?? '';
native.setNumThreads(threads);

function randn(n) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.sqrt(-2 * Math.log(Math.random() + 1e-12)) * Math.cos(6.283185307 * Math.random());
  return a;
}
function time(fn, flops) {
  fn();
  let reps = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    if (dt > 0.05) break;
    reps *= 2;
  }
  const res = [];
  for (let r = 0; r < 7; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    res.push(Number(process.hrtime.bigint() - t0) / 1e9 / reps);
  }
  res.sort((x, y) => x - y);
  return flops / res[3] / 1e9;
}
const shapes = [[256, 256, 256], [512, 512, 512], [1024, 1024, 1024], [2048, 2048, 2048], [1, 512, 512], [1, 768, 3072],
  [128, 768, 768], [49, 512, 4608]];
const p = new Float64Array(19);
for (const [m, n, k] of shapes) {
  const name = `gemm_f32_${m}x${n}x${k}`;
  if (!name.includes(filter)) continue;
  const a = randn(m * k), b = randn(k * n), c = new Float32Array(m * n);
  p.set([6, 1, m, n, k, 0, 0, k, 1, 0, 0, n, 1, 0, 0, n, 1, 1, 0]);
  const u = (x) => new Uint8Array(x.buffer);
  const g = time(() => native.gemm(u(c), u(a), u(b), p), 2 * m * n * k);
  console.log(`${name} ${g.toFixed(1)} GFLOP/s (threads ${threads})`);
}
if ('peak'.includes(filter) || filter === '') console.log(`fmaPeak ${native.fmaPeak(0.3).toFixed(1)} GFLOP/s (1 core)`);
