#!/usr/bin/env node
// Regenerates the op goldens: runs every op's samples (or the ops named on the command line) on
// PyTorch through tooling/fixtures/gen_op_goldens.py and writes test/goldens/<op>.json.gz.
// Needs a built package (`pnpm build`) and Debian's Python 3 with PyTorch at /usr/bin/python3.
//   node scripts/goldens.mjs [--check] [op ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { allOps, encodeSampleValue, SampleBuilder } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'test', 'goldens');
const script = join(here, '..', '..', '..', 'tooling', 'fixtures', 'gen_op_goldens.py');
const python = process.env.TSJIT_PYTHON ?? '/usr/bin/python3';

const argv = process.argv.slice(2);
const only = new Set(argv.filter((a) => !a.startsWith('--')));
const missingOnly = argv.includes('--missing');

export function encodeSample(s) {
  const e = { overload: s.overload, args: s.args.map(encodeSampleValue) };
  if (s.kwargs) e.kwargs = encodeSampleValue(s.kwargs);
  for (const k of ['error', 'check', 'compareArgs', 'rtol', 'atol']) if (s[k] !== undefined) e[k] = s[k];
  return e;
}

const jobs = [];
for (const op of allOps) {
  if (only.size && !only.has(op.name)) continue;
  if (missingOnly && existsSync(join(out, `${op.name}.json.gz`))) continue;
  const samples = op.definition.samples(new SampleBuilder(op.name)).map(encodeSample);
  jobs.push({ op: op.name, samples });
}
if (!jobs.length) {
  console.log('no ops to run');
  process.exit(0);
}
const input = `${jobs.map((j) => JSON.stringify(j)).join('\n')}\n`;
const r = spawnSync(python, [script], { input, maxBuffer: 1 << 30, encoding: 'utf8' });
if (r.error) throw r.error;
process.stderr.write(r.stderr);
mkdirSync(out, { recursive: true });
let written = 0;
for (const line of r.stdout.split('\n')) {
  if (!line.trim()) continue;
  const { op, results } = JSON.parse(line);
  const job = jobs.find((j) => j.op === op);
  const golden = { op, samples: job.samples.map((s, i) => ({ ...s, expected: results[i] })) };
  const file = join(out, `${op}.json.gz`);
  const text = `${JSON.stringify(golden)}\n`;
  const before = existsSync(file) ? gunzipSync(readFileSync(file)).toString('utf8') : null;
  if (before !== text) {
    writeFileSync(file, gzipSync(text, { level: 9 }));
    written++;
  }
}
console.log(`${jobs.length} ops run on PyTorch, ${written} golden files written to ${out}`);
if (r.status !== 0) {
  console.error('gen_op_goldens.py reported problems (above): fix the samples');
  process.exit(1);
}
