import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the CLI's tests run it as `pnpm tsjit` does: from there). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const CLI = join(REPO_ROOT, 'apps', 'cli', 'dist', 'main.js');
/** The CLI's own PyTorch-made corpus (tooling/fixtures/gen_cli_corpus.py). */
export const CORPUS = join(REPO_ROOT, 'apps', 'cli', 'test', 'fixtures', 'corpus');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout's lines, without the last empty one. */
  readonly lines: string[];
}

/** Runs `node <command...>` from the repository root (the built CLI by default). */
export function runNode(args: readonly string[], options: { timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: options.timeout ?? 120_000,
  });
  if (r.error) throw r.error;
  const lines = r.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines };
}

/** Runs the built CLI (dist/main.js: `pnpm test` and `pnpm build` build it first). */
export function tsjit(...args: string[]): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first`);
  return runNode([CLI, ...args]);
}

/**
 * The shared conformance fixtures (`<repo>/../shared/fixtures/torchscript`), looked for beside
 * every ancestor of the repository (a worktree sits deeper than the main checkout), or null.
 */
export function sharedFixturesDir(): string | null {
  let dir = REPO_ROOT;
  for (;;) {
    const candidate = join(dir, '..', 'shared', 'fixtures', 'torchscript');
    if (existsSync(join(candidate, 'index.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
