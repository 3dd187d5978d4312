import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Python with PyTorch 1.13 and numpy, the oracle for differential tests. */
export const PYTHON = '/usr/bin/python3';

/** True when PYTHON exists and can import `module`. */
export function pythonHas(module: string): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

/** Runs `script` with `input` as JSON on stdin and returns its stdout parsed as JSON. */
export function runPythonJson<T>(script: string, input: unknown): T {
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`python failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Encodes a double for JSON so that Python reads back exactly the same value. */
export function encodeFloat(x: number): number | string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Object.is(x, -0)) return '-0';
  return x;
}

/** The inverse of encodeFloat (and of the generators' encoding in tooling/fixtures). */
export function decodeFloat(v: number | string): number {
  if (typeof v === 'number') return v;
  return (
    (
      { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, '-inf': Number.NEGATIVE_INFINITY, '-0': -0 } as Record<
        string,
        number
      >
    )[v] ?? Number(v)
  );
}
