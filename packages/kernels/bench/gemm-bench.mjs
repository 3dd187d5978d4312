// Quick timing of the GEMM and convolution workloads of /work/shared/bench/README.md against the raw
// addon (median of 7 repeats; "cpu" divides by this process's CPU time, which discounts time the
// scheduler gave to other processes on a shared machine). Not part of the tests.
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
    if (Number(process.hrtime.bigint() - t0) / 1e9 > 0.05) break;
    reps *= 2;
  }
  const wall = [];
  const cpu = [];
  for (let r = 0; r < 7; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e9 / reps);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1e6 / reps);
  }
  wall.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  return { wall: flops / wall[3] / 1e9, cpu: (flops / cpu[3] / 1e9) * threads };
}

const peak = native.fmaPeak(0.3);
console.log(`fmaPeak ${peak.toFixed(1)} GFLOP/s per core (float32, widest ISA)`);
const u = (x) => new Uint8Array(x.buffer);
const report = (name, r) =>
  console.log(`${name.padEnd(32)} ${r.wall.toFixed(1).padStart(6)} GFLOP/s  (${((100 * r.wall) / (peak * threads)).toFixed(0)}% of peak; cpu-time based ${r.cpu.toFixed(1)})  threads ${threads}`);

const p = new Float64Array(19);
for (const [m, n, k] of [[256, 256, 256], [512, 512, 512], [1024, 1024, 1024], [2048, 2048, 2048], [1, 512, 512],
  [1, 768, 3072], [128, 768, 768], [49, 512, 4608]]) {
  const name = `gemm_f32_${m}x${n}x${k}`;
  if (!name.includes(filter)) continue;
  const a = randn(m * k);
  const b = randn(k * n);
  const c = new Float32Array(m * n);
  p.set([6, 1, m, n, k, 0, 0, k, 1, 0, 0, n, 1, 0, 0, n, 1, 1, 0]);
  report(name, time(() => native.gemm(u(c), u(a), u(b), p), 2 * m * n * k));
}
for (const [name, cin, h, cout, k, s, pad] of [['conv2d_3x3_c64_56x56_b1', 64, 56, 64, 3, 1, 1],
  ['conv2d_7x7s2_c3to64_224x224_b1', 3, 224, 64, 7, 2, 3]]) {
  if (!name.includes(filter)) continue;
  const oh = Math.floor((h + 2 * pad - k) / s) + 1;
  const x = randn(cin * h * h);
  const w = randn(cout * cin * k * k);
  const b = randn(cout);
  const y = new Float32Array(cout * oh * oh);
  const q = new Float64Array([6, 0, 1, 1, cin, cout, 1, 1, h, h, 1, oh, oh, 1, k, k, 1, s, s, 0, pad, pad, 1, 1, 1,
    0, cin * h * h, h * h, 0, h, 1, 0, cin * k * k, k * k, 0, k, 1, 0, 1, 0, cout * oh * oh, oh * oh, 0, oh, 1]);
  report(name, time(() => native.conv(u(y), u(x), u(w), u(b), q), 2 * cout * cin * k * k * oh * oh));
}
