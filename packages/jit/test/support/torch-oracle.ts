import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PYTHON = '/usr/bin/python3';
export const ORACLE = join(import.meta.dirname, '..', '..', '..', '..', 'tooling', 'fixtures', 'torch_load_resaved.py');

/** Why PyTorch cannot be the oracle here (undefined: it can). */
export function torchUnavailable(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const r = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) return `${PYTHON} has no torch`;
  return undefined;
}

/** PyTorch's verdict on re-saved fixture archives: case → problems (empty: loaded and matched). */
export function torchRunCases(fixtures: string, archives: string): Record<string, string[]> {
  const out = execFileSync(PYTHON, [ORACLE, 'cases', fixtures, archives], { maxBuffer: 1 << 26, encoding: 'utf8' });
  return JSON.parse(out) as Record<string, string[]>;
}

/** Loads an archive in PyTorch, calls `method` with VALUE-encoded inputs; the VALUE-encoded result. */
export function torchRun(
  archive: string,
  method: string,
  inputs: unknown[],
  extra: string[] = [],
): { result: unknown; extra: Record<string, string> } {
  const out = execFileSync(PYTHON, [ORACLE, 'run', archive, method], {
    input: JSON.stringify(inputs),
    env: { ...process.env, EXTRA: extra.join(',') },
    maxBuffer: 1 << 26,
    encoding: 'utf8',
  });
  return JSON.parse(out) as { result: unknown; extra: Record<string, string> };
}
