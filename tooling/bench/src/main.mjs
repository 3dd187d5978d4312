#!/usr/bin/env node
// pnpm bench [suite ...] [--threads 1,2] [--repeats R] [--only NAME,...] [--no-torch] [--archives DIR]
// pnpm bench concurrency   (worker-thread figures: see concurrency.mjs)
//
// Runs tsjit's side of the workloads defined in ../shared/bench/README.md, runs PyTorch's side
// (torch-baseline.py) in the same run when Debian's Python has torch, prints ours / PyTorch /
// ratio, and writes bench/results/latest.json. The ratio is ours ÷ PyTorch's in the "better"
// direction: above 1 means tsjit is faster.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getNumThreads, setNumThreads } from '@tsjit/kernels';
import { archivesFolder } from './exported-archives.mjs';
import { cpuClock, median, timeCall, timeFresh, timeInterleaved } from './timing.mjs';
import { baselineScript, runBaseline, torchAvailable } from './torch.mjs';
import { suites } from './workloads/index.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// `pnpm bench concurrency` is not a suite of timed workloads against PyTorch: its own script
// measures what issue 5 asks of forwardAsync (see concurrency.mjs) and prints the figures.
if (process.argv[2] === 'concurrency') {
  await import('./concurrency.mjs');
  process.exit(0);
}

function parseArgs(argv) {
  const opts = { suites: [], threads: [1, 2], repeats: 7, only: null, torch: true, archives: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--threads') opts.threads = argv[++i].split(',').map(Number);
    else if (a === '--repeats') opts.repeats = Number(argv[++i]);
    else if (a === '--only') opts.only = argv[++i].split(',');
    else if (a === '--no-torch') opts.torch = false;
    else if (a === '--archives') opts.archives = resolve(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log(
        'pnpm bench [suite ...] [--threads 1,2] [--repeats R] [--only NAME,...] [--no-torch] [--archives DIR]',
      );
      console.log('  --archives DIR: the models/load suites use this torch-baseline.py --export folder (PyTorch');
      console.log('                  re-exports into it when it runs; without PyTorch it must hold an export)');
      console.log(`suites: ${Object.keys(suites).join(', ')}`);
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.suites.push(a);
  }
  if (opts.suites.length === 0 || opts.suites.includes('all')) opts.suites = Object.keys(suites);
  for (const s of opts.suites)
    if (!suites[s]) throw new Error(`unknown suite ${s} (known: ${Object.keys(suites).join(', ')})`);
  return opts;
}

function fmt(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (Math.abs(v) >= 100) return v.toFixed(1);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

const opts = parseArgs(process.argv.slice(2));
const script = baselineScript(root);
const haveTorch = opts.torch && script !== null && torchAvailable();
if (opts.torch && !haveTorch) {
  console.error(
    script === null
      ? 'bench: ../shared/bench/torch-baseline.py not found: PyTorch column left empty'
      : 'bench: /usr/bin/python3 has no torch (apt-get install -y python3-torch): PyTorch column left empty',
  );
}

const selected = (suiteName) => suites[suiteName].workloads.filter((w) => !opts.only || opts.only.includes(w.name));
// The suites that time PyTorch's exported archives (models, load) share one export folder.
const archiveSuites = opts.suites.filter((s) => suites[s].archives && selected(s).length > 0);
const archives = archiveSuites.length === 0 ? null : haveTorch ? archivesFolder(opts.archives) : opts.archives;

const entries = [];
const savedThreads = getNumThreads();
for (const threads of opts.threads) {
  setNumThreads(threads);
  // PyTorch's side of the archive suites runs first, in one torch-baseline.py process with
  // --export: it writes the archives, inputs and expected outputs, then times exactly those files;
  // ours then loads the same files (../shared/bench/README.md, "Export").
  let archiveTorch = new Map();
  if (archiveSuites.length > 0 && haveTorch) {
    // A workload of ours alone (no PyTorch side) names the baseline workload whose export it uses.
    const only = [...new Set(archiveSuites.flatMap((s) => selected(s).map((w) => w.baselineName ?? w.name)))];
    process.stderr.write(`bench: torch-baseline.py ${archiveSuites.join(' ')} --export ${archives} [${threads}t]\n`);
    archiveTorch = runBaseline(script, archiveSuites, { threads, repeats: opts.repeats, only, exportDir: archives });
  }
  for (const suiteName of opts.suites) {
    const suite = suites[suiteName];
    const workloads = selected(suiteName);
    if (workloads.length === 0) continue;
    const ours = [];
    for (const w of workloads) {
      // A workload that cannot run (an op missing, too slow, no archive) is reported with its error
      // and no value; one that computes a wrong result is reported as such, never timed.
      let inst;
      let problem;
      try {
        inst = w.setup({ threads, archives });
        problem = inst.check();
      } catch (e) {
        const error = `cannot run: ${String(e?.message ?? e).split('\n')[0]}`;
        console.error(`bench: ${w.name} ${error}`);
        ours.push({ w, value: null, error, inst });
        continue;
      }
      if (problem) {
        console.error(`bench: ${w.name} computed a wrong result: ${problem}`);
        ours.push({ w, value: null, error: `WRONG RESULT: ${problem}`, inst });
        continue;
      }
      // A workload may offer several ways to run it (as torch-baseline.py tries several PyTorch
      // paths): all are timed and the fastest is reported, with the others as candidates. `fresh`
      // workloads (load, first call) time one fresh operation per repetition (timeFresh).
      const paths = inst.paths ?? { default: inst.run };
      const candidates = {};
      let failed = null;
      const timedErrors = {};
      // A `versus` suite compares the paths with each other: they are timed in alternation (see
      // timeInterleaved) and each round's ratios are kept for the comparison.
      let rounds;
      if (suite.versus && !w.fresh) {
        const clock = suite.clock === 'cpu' ? cpuClock : undefined;
        const { samples, errors } = timeInterleaved(paths, { repeats: opts.repeats, clock });
        for (const [name, e] of Object.entries(errors)) {
          timedErrors[name] = `failed while timed: ${String(e?.message ?? e).split('\n')[0]}`;
          failed = `${name}: ${String(e?.message ?? e).split('\n')[0]}`;
        }
        for (const [name, xs] of Object.entries(samples)) candidates[name] = w.value(median(xs), inst);
        rounds = samples;
      }
      for (const [name, fn] of rounds ? [] : Object.entries(paths)) {
        try {
          const seconds = w.fresh ? timeFresh(fn, { repeats: opts.repeats }) : timeCall(fn, { repeats: opts.repeats });
          candidates[name] = w.value(seconds, inst);
        } catch (e) {
          timedErrors[name] = `failed while timed: ${String(e?.message ?? e).split('\n')[0]}`;
          failed = `${name}: ${String(e?.message ?? e).split('\n')[0]}`;
        }
      }
      if (Object.keys(candidates).length === 0) {
        console.error(`bench: ${w.name} failed while timed: ${failed}`);
        ours.push({ w, value: null, error: `failed while timed: ${failed}`, inst });
        continue;
      }
      const better = (a, b) => (w.better === 'higher' ? a > b : a < b);
      const [path, value] = Object.entries(candidates).reduce(
        (best, e) => (best === null || better(e[1], best[1]) ? e : best),
        null,
      );
      ours.push({
        w,
        value,
        inst,
        path: inst.paths ? path : undefined,
        candidates: inst.paths ? candidates : undefined,
        // Paths that could not be built or failed while timed (a `versus` suite reports them per path).
        pathErrors: { ...inst.pathErrors, ...timedErrors },
        rounds,
      });
      process.stderr.write(`  ${w.name} [${threads}t]: ${fmt(ours.at(-1).value)} ${w.unit}\n`);
      inst.dispose?.();
    }
    // A `versus` suite compares tsjit's paths with one of them (the jit suite: with eager mode); it
    // has no PyTorch side.
    if (suite.versus) {
      for (const { w, value, error, inst, candidates, pathErrors, rounds } of ours)
        entries.push(versusEntry(w, threads, suite.versus, { value, error, inst, candidates, pathErrors, rounds }));
      continue;
    }
    // A suite outside torch-baseline.py's brings its own PyTorch side.
    const only = workloads.map((w) => w.name);
    const torch = !haveTorch
      ? new Map()
      : suite.archives
        ? archiveTorch
        : suite.baseline
          ? suite.baseline({ threads, repeats: opts.repeats, only })
          : runBaseline(script, [suiteName], { threads, repeats: opts.repeats, only });
    for (const { w, value, error, inst, path, candidates } of ours) {
      const t = torch.get(w.name);
      const tv = t?.value ?? null;
      let ratio = null;
      if (value !== null && tv !== null && tv > 0 && value > 0) ratio = w.better === 'higher' ? value / tv : tv / value;
      const entry = { name: w.name, unit: w.unit, better: w.better, threads, value, torch: tv, ratio };
      if (path) entry.path = path;
      if (candidates) entry.candidates = candidates;
      if (t?.path) entry.torchPath = t.path;
      if (t?.error) entry.torchError = t.error;
      if (error) entry.error = error;
      const extra = w.extra?.(value, inst);
      if (extra) Object.assign(entry, extra);
      entries.push(entry);
    }
  }
}
setNumThreads(savedThreads);

/**
 * The entry of a workload of a `versus` suite: `value` is the reference path's (eager's), and
 * `versus` holds every other path's value (the median of its rounds) and the ratio reference ÷
 * path in the "better" direction (>= 1: that path is at least as fast as the reference), or its
 * error. The ratio is the median of the rounds' ratios (each round times every path once, back to
 * back), which a change in the machine's load between rounds does not skew.
 */
function versusEntry(w, threads, reference, { error, inst, candidates, pathErrors, rounds }) {
  const base = candidates?.[reference] ?? null;
  const entry = { name: w.name, unit: w.unit, better: w.better, threads, value: base, reference, versus: {} };
  if (error) entry.error = error;
  const names = [...new Set([...Object.keys(candidates ?? {}), ...Object.keys(pathErrors ?? {})])];
  for (const name of names) {
    if (name === reference) continue;
    const v = candidates?.[name];
    if (v === undefined) {
      entry.versus[name] = { value: null, ratio: null, error: pathErrors[name] };
      continue;
    }
    let ratio = base !== null && v > 0 && base > 0 ? (w.better === 'higher' ? v / base : base / v) : null;
    const ref = rounds?.[reference];
    const own = rounds?.[name];
    if (ratio !== null && ref && own && ref.length === own.length) {
      // Samples are seconds per call: lower is better whatever the unit's direction.
      ratio = median(ref.map((s, i) => s / own[i]));
    }
    entry.versus[name] = { value: v, ratio };
  }
  if (base === null && !error && pathErrors?.[reference]) entry.error = `${reference}: ${pathErrors[reference]}`;
  const extra = w.extra?.(base, inst);
  if (extra) Object.assign(entry, extra);
  return entry;
}

// The table.
const versusEntries = entries.filter((e) => e.reference !== undefined);
const torchEntries = entries.filter((e) => e.reference === undefined);
const head = `${pad('workload', 36)} ${pad('thr', 3, true)} ${pad('tsjit', 10, true)} ${pad('pytorch', 10, true)} ${pad('unit', 8)} ${pad('ratio', 6, true)}  notes`;
if (torchEntries.length > 0) {
  console.log(head);
  console.log('-'.repeat(head.length + 10));
}
for (const e of torchEntries) {
  const notes = [];
  if (e.peakPercent !== undefined) notes.push(`${e.peakPercent.toFixed(0)}% of FMA peak`);
  if (e.path) notes.push(`ours: ${e.path}`);
  if (e.torchPath) notes.push(`torch: ${e.torchPath}`);
  if (e.error) notes.push(e.error);
  if (e.torchError) notes.push(`torch: ${e.torchError}`);
  console.log(
    `${pad(e.name, 36)} ${pad(e.threads, 3, true)} ${pad(fmt(e.value), 10, true)} ${pad(fmt(e.torch), 10, true)} ${pad(e.unit, 8)} ${pad(fmt(e.ratio), 6, true)}  ${notes.join('; ')}`,
  );
}

// The `versus` suites' table: the reference path, then each other path's value and
// reference ÷ path (>= 1: at least as fast as the reference).
if (versusEntries.length > 0) {
  if (torchEntries.length > 0) console.log('');
  const refs = [...new Set(versusEntries.map((e) => e.reference))];
  console.log(
    `tsjit against its own ${refs.join('/')} mode (no PyTorch side); ratio = ${refs.join('/')} ÷ path, >= 1: the path is at least as fast`,
  );
  const pathNames = [...new Set(versusEntries.flatMap((e) => Object.keys(e.versus)))];
  const vhead = `${pad('workload', 36)} ${pad('thr', 3, true)} ${pad(refs.join('/'), 9, true)} ${pathNames.map((p) => `${pad(p, 17, true)} ${pad('ratio', 5, true)}`).join(' ')}  unit`;
  console.log(vhead);
  console.log('-'.repeat(vhead.length));
  for (const e of versusEntries) {
    const cells = pathNames.map((p) => {
      const c = e.versus[p];
      if (c === undefined) return `${pad('', 17, true)} ${pad('', 5, true)}`;
      return `${pad(c.value === null ? 'cannot run' : fmt(c.value), 17, true)} ${pad(fmt(c.ratio), 5, true)}`;
    });
    console.log(
      `${pad(e.name, 36)} ${pad(e.threads, 3, true)} ${pad(fmt(e.value), 9, true)} ${cells.join(' ')}  ${e.unit}`,
    );
    for (const [p, c] of Object.entries(e.versus)) if (c.error) console.log(`    ${p}: ${c.error}`);
    if (e.error) console.log(`    ${e.error}`);
  }
}

const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const report = { date: new Date().toISOString(), node: process.version, torch: haveTorch, entries };
writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${join('bench', 'results', 'latest.json')}`);
