// `node src/train-ops.mjs [--only SUBSTR,...] [--no-torch] [--json FILE]`: a micro-benchmark of the
// primitives one training step of `train_mlp_784_1024_1024_10_b64_adam` and
// `train_lstm_2l_h256_s64_b16_adam` (../shared/bench/README.md, "train") runs, on those exact
// shapes, through the eager tensor API (the dispatcher), at one thread, against PyTorch 1.13's
// eager ops (src/train-ops.py, same cases by name) in the same run. Not a workload of `pnpm bench`:
// it finds which ops make a step slower than PyTorch's. Prints op, shape, tsjit ms, torch ms, ratio.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setNumThreads } from '@tsjit/kernels';
import { fromArray, torchOps as T } from '@tsjit/tensor';
import { timeCall } from './timing.mjs';
import { randn, rng } from './workloads/data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? null : (args[i + 1] ?? '');
};
const only = flag('--only')?.split(',') ?? null;
const noTorch = args.includes('--no-torch');
const repeats = Number(flag('--repeats') ?? 5);

// The named inputs; src/train-ops.py builds the same names and shapes (values need not match).
// `pos`: strictly positive (Adam's second moment, denominators).
export const INPUTS = {
  // MLP 784-1024-1024-10, batch 64.
  x: [64, 784],
  w1: [1024, 784],
  b1: [1024],
  w2: [1024, 1024],
  b2: [1024],
  w3: [10, 1024],
  b3: [10],
  h1: [64, 1024],
  g1: [64, 1024],
  logits: [64, 10],
  g3: [64, 10],
  // Adam over the largest parameter (fc2.weight, 1M of the 1.9M) and a grad to accumulate.
  p: [1024, 1024],
  grad: [1024, 1024],
  m: [1024, 1024],
  v: { sizes: [1024, 1024], pos: true },
  // LSTM: seq 64, batch 16, input 128, hidden 256, 4 gates.
  xs: [1024, 128],
  wih: [1024, 128],
  whh: [1024, 256],
  bih: [1024],
  bhh: [1024],
  hx: [16, 256],
  gates: [16, 1024],
  gpre: [1024, 1024],
  gs: [16, 256],
  dg: [16, 1024],
  out: [64, 16, 256],
  target: [64, 16, 256],
};

const LABELS = Int32Array.from({ length: 64 }, (_, i) => (i * 7) % 10);

/** [name, shape, js(t)] — the same names as train-ops.py's CASES. */
export const CASES = [
  ['addmm fc1', '64x784 @ 784x1024', (t) => T.addmm(t.b1, t.x, t.w1.t())],
  ['addmm fc2', '64x1024 @ 1024x1024', (t) => T.addmm(t.b2, t.h1, t.w2.t())],
  ['addmm fc3', '64x1024 @ 1024x10', (t) => T.addmm(t.b3, t.h1, t.w3.t())],
  ['relu', '64x1024', (t) => t.g1.relu()],
  ['log_softmax', '64x10', (t) => t.logits.logSoftmax(1)],
  ['nll_loss', '64x10', (t) => T.nllLoss(t.logits, t.labels)],
  ['log_softmax_backward', '64x10', (t) => T._logSoftmaxBackwardData(t.g3, t.logits, 1, 'float32')],
  ['nll_loss_backward', '64x10', (t) => T.nllLossBackward(t.scalar, t.logits, t.labels, null, 1, -100, t.tw)],
  ['mm grad@W fc3', '64x10 @ 10x1024', (t) => T.mm(t.g3, t.w3)],
  ['mm g.T@h fc3', '10x64 @ 64x1024', (t) => T.mm(t.g3.t(), t.h1)],
  ['mm grad@W fc2', '64x1024 @ 1024x1024', (t) => T.mm(t.g1, t.w2)],
  ['mm g.T@h fc2', '1024x64 @ 64x1024', (t) => T.mm(t.g1.t(), t.h1)],
  ['mm g.T@x fc1', '1024x64 @ 64x784', (t) => T.mm(t.g1.t(), t.x)],
  ['threshold_backward', '64x1024', (t) => T.thresholdBackward(t.g1, t.h1, 0)],
  ['sum dim0 (bias grad)', '64x1024', (t) => t.g1.sum([0])],
  ['adam mul_', '1024x1024', (t) => t.m.mul_(0.9999999)],
  ['adam add_ alpha', '1024x1024', (t) => t.m.add_(t.grad, { alpha: 0.1 })],
  ['adam addcmul_', '1024x1024', (t) => t.v.addcmul_(t.grad, t.grad, { value: 0.001 })],
  ['adam sqrt', '1024x1024', (t) => t.v.sqrt()],
  ['adam div scalar', '1024x1024', (t) => t.v.div(0.5)],
  ['adam add_ eps', '1024x1024', (t) => t.m.add_(1e-8)],
  ['adam addcdiv_', '1024x1024', (t) => t.p.addcdiv_(t.m, t.v, { value: -1e-3 })],
  ['grad accum add_', '1024x1024', (t) => t.p.add_(t.grad)],
  ['zero_', '1024x1024', (t) => t.m.zero_()],
  ['lstm x@Wih (whole seq)', '1024x128 @ 128x1024', (t) => T.addmm(t.bih, t.xs, t.wih.t())],
  ['lstm addmm h@Whh', '16x256 @ 256x1024', (t) => T.addmm(t.bhh, t.hx, t.whh.t())],
  ['lstm add gates', '16x1024', (t) => t.gates.add(t.dg)],
  ['lstm sigmoid (chunk view)', '16x256 of 16x1024', (t) => t.gates.narrow(1, 0, 256).sigmoid()],
  ['lstm tanh', '16x256', (t) => t.gs.tanh()],
  ['lstm mul', '16x256', (t) => t.gs.mul(t.hx)],
  ['lstm add', '16x256', (t) => t.gs.add(t.hx)],
  ['lstm sigmoid_backward', '16x256', (t) => T.sigmoidBackward(t.gs, t.hx)],
  ['lstm tanh_backward', '16x256', (t) => T.tanhBackward(t.gs, t.hx)],
  ['lstm cat 4 gates', '4x 16x256 -> 16x1024', (t) => T.cat([t.gs, t.hx, t.gs, t.hx], 1)],
  ['lstm mm dg@Whh', '16x1024 @ 1024x256', (t) => T.mm(t.dg, t.whh)],
  ['lstm mm dg.T@h', '1024x16 @ 16x256', (t) => T.mm(t.dg.t(), t.hx)],
  ['lstm mm dg.T@x (whole seq)', '1024x1024 @ 1024x128', (t) => T.mm(t.gpre.t(), t.xs)],
  ['lstm sum dim0', '16x1024', (t) => t.dg.sum([0])],
  ['lstm grad accum add_', '1024x256', (t) => t.whh.add_(t.whh2)],
  ['mse_loss', '64x16x256', (t) => T.mseLoss(t.out, t.target)],
  ['mse_loss_backward', '64x16x256', (t) => T.mseLossBackward(t.scalar, t.out, t.target, 1)],
];

function buildInputs() {
  const r = rng(1);
  const t = {};
  for (const [name, spec] of Object.entries(INPUTS)) {
    const sizes = Array.isArray(spec) ? spec : spec.sizes;
    const n = sizes.reduce((a, b) => a * b, 1);
    const data = randn(n, r, 0.1);
    if (!Array.isArray(spec) && spec.pos) for (let i = 0; i < n; i++) data[i] = Math.abs(data[i]) + 0.01;
    t[name] = fromArray(data, sizes);
  }
  t.whh2 = fromArray(randn(1024 * 256, r, 1e-6), [1024, 256]);
  t.labels = T.tensor(Array.from(LABELS), { dtype: 'int64' });
  t.scalar = T.tensor(1, { dtype: 'float32' });
  t.tw = T.tensor(64, { dtype: 'float32' });
  return t;
}

/** OpenBLAS as ../shared/bench/torch-baseline.py fetches it (its cache), else the system BLAS. */
function openblasDir() {
  const cache = process.env.TSJIT_BASELINE_CACHE ?? join(homedir(), '.cache', 'tsjit-baseline');
  const lib = join(cache, 'openblas', 'root', 'usr', 'lib');
  if (!existsSync(lib)) return null;
  for (const arch of readdirSync(lib)) {
    const dir = join(lib, arch, 'openblas-openmp');
    if (existsSync(join(dir, 'libblas.so.3'))) return dir;
  }
  return null;
}

function runTorch(names) {
  const env = { ...process.env };
  const blas = openblasDir();
  if (blas) env.LD_LIBRARY_PATH = env.LD_LIBRARY_PATH ? `${blas}:${env.LD_LIBRARY_PATH}` : blas;
  else console.error('train-ops: no OpenBLAS in the torch-baseline cache; PyTorch uses the system BLAS');
  const r = spawnSync('/usr/bin/python3', [join(here, 'train-ops.py'), '--repeats', String(repeats), ...names], {
    cwd: here,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    return {};
  }
  return JSON.parse(r.stdout);
}

setNumThreads(1);
const inputs = buildInputs();
const cases = CASES.filter(([name]) => only === null || only.some((s) => name.includes(s)));
const torch = noTorch ? {} : runTorch(cases.map(([name]) => name));
const rows = [];
for (const [name, shape, fn] of cases) {
  const ms = timeCall(() => fn(inputs), { repeats }) * 1e3;
  const tm = torch[name] ?? null;
  rows.push({ op: name, shape, tsjit: ms, torch: tm, ratio: tm === null ? null : ms / tm });
}
const fmt = (v) => (v === null ? '-' : v < 0.1 ? v.toFixed(4) : v.toFixed(3));
console.log(`${'op'.padEnd(28)} ${'shape'.padEnd(22)} ${'tsjit ms'.padStart(9)} ${'torch ms'.padStart(9)} ratio`);
for (const r of rows) {
  const ratio = r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`;
  console.log(
    `${r.op.padEnd(28)} ${r.shape.padEnd(22)} ${fmt(r.tsjit).padStart(9)} ${fmt(r.torch).padStart(9)} ${ratio}`,
  );
}
const out = flag('--json');
if (out) writeFileSync(out, `${JSON.stringify(rows, null, 1)}\n`);
