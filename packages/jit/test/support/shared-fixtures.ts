import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoldenCase } from './code-goldens.js';

/**
 * The shared conformance fixtures (`<repo>/../shared/fixtures/torchscript`), looked for beside
 * every ancestor of this folder (a worktree sits deeper than the main checkout), or null.
 */
export function sharedFixturesDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures', 'torchscript');
    if (existsSync(join(candidate, 'index.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export interface SourceFixture {
  readonly name: string;
  readonly path: string;
  readonly source: string;
}

/** The fixtures of kind `source`: TorchScript programs PyTorch compiles (torch.jit.CompilationUnit). */
export function sourceFixtures(dir: string): SourceFixture[] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
    cases: { name: string; kind: string }[];
  };
  return index.cases
    .filter((c) => c.kind === 'source')
    .map((c) => {
      const path = join(dir, c.name, 'source.py');
      return { name: c.name, path, source: readFileSync(path, 'utf8') };
    });
}

const PYTHON = '/usr/bin/python3';

/**
 * PyTorch's view of the given source files (each compiled whole with torch.jit.CompilationUnit):
 * what tooling/fixtures/gen_jit_code_goldens.py --sources prints, keyed by path; or, when
 * /usr/bin/python3 cannot import torch, the reason.
 */
export function torchViewOf(paths: readonly string[]): Map<string, GoldenCase> | { readonly unavailable: string } {
  if (!existsSync(PYTHON)) return { unavailable: `${PYTHON} is absent` };
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return { unavailable: `${PYTHON} cannot import torch` };
  }
  const script = fileURLToPath(new URL('../../../../tooling/fixtures/gen_jit_code_goldens.py', import.meta.url));
  const out = execFileSync(PYTHON, [script, '--sources', ...paths], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const parsed = JSON.parse(out) as { cases: Record<string, GoldenCase> };
  return new Map(Object.entries(parsed.cases));
}
