// Runs ../shared/bench/torch-baseline.py (PyTorch's side) in this process tree.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';

export function baselineScript(root) {
  const p = join(root, '..', 'shared', 'bench', 'torch-baseline.py');
  return existsSync(p) ? p : null;
}

export function torchAvailable() {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** Runs the baseline for suites at a thread count; returns Map name -> result line. */
export function runBaseline(script, suites, { threads, repeats, only, exportDir }) {
  const args = [script, ...suites, '--threads', String(threads), '--repeats', String(repeats)];
  if (only?.length) args.push('--only', only.join(','));
  // --export DIR: the models/load suites write their archives there and time exactly those files.
  if (exportDir) args.push('--export', exportDir);
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  const results = new Map();
  for (const line of (r.stdout ?? '').split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const j = JSON.parse(line);
      results.set(j.name, j);
    } catch {
      // a partial line: ignore
    }
  }
  if (r.status !== 0) {
    const tail = (r.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    process.stderr.write(`torch-baseline exited with ${r.status}:\n${tail}\n`);
  }
  return results;
}
