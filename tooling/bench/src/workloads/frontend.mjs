// The `frontend` suite: compiling TorchScript archive code. Its PyTorch side is not in
// ../shared/bench/torch-baseline.py (whose `load` suite times only its own resnet18 archive): it
// comes from ./torch-load-archive.py, which times torch.jit.load of the same fixture archive with
// torch-baseline's `load` protocol (warmed process, fresh load per repetition, median).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importArchiveCode } from '@tsjit/frontend';
import { readArchiveCode } from '../archive-code.mjs';
import { PYTHON } from '../torch.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'torchscript');

/** The fixture archive with the most `code/` (the "largest public fixture"), or null. */
function largestArchive() {
  if (!existsSync(fixtures)) return null;
  let best = null;
  for (const name of readdirSync(fixtures).sort()) {
    const path = join(fixtures, name, 'model.pt');
    if (!existsSync(path)) continue;
    const code = readArchiveCode(path);
    if (!best || code.size > best.code.size) best = { name, dir: join(fixtures, name), code };
  }
  return best;
}

const largest = largestArchive();

/** Compiles every class, method and function of the archive's code; returns the number of graphs. */
function compileAll(files) {
  const { importer } = importArchiveCode(files);
  importer.importAll();
  let graphs = 0;
  for (const fn of importer.definedFunctions()) {
    fn.graph();
    graphs++;
  }
  return graphs;
}

export const frontend = largest
  ? [
      {
        name: `compile_code_${largest.name}`,
        unit: 'ms',
        better: 'lower',
        torchScript: { script: join(here, '..', 'torch-load-archive.py'), args: [largest.dir] },
        setup() {
          const files = largest.code.files;
          let expected = 0;
          return {
            run: () => compileAll(files),
            check() {
              try {
                expected = compileAll(files);
              } catch (e) {
                return `compiling ${largest.name}: ${e.message.split('\n')[0]}`;
              }
              return expected > 0 ? null : `${largest.name}: no function compiled`;
            },
          };
        },
        value: (seconds) => seconds * 1e3,
        extra: () => ({ archive: largest.name, codeChars: largest.code.size }),
      },
    ]
  : [];

/** PyTorch's side: torch.jit.load of the same archive, one JSON line per workload. */
export function frontendBaseline({ threads, repeats, only }) {
  const results = new Map();
  for (const w of frontend) {
    if (only && !only.includes(w.name)) continue;
    const args = [
      w.torchScript.script,
      w.name,
      ...w.torchScript.args,
      '--threads',
      String(threads),
      '--repeats',
      String(repeats),
    ];
    const r = spawnSync(PYTHON, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    for (const line of (r.stdout ?? '').split('\n')) {
      if (line.trim().startsWith('{')) results.set(w.name, JSON.parse(line));
    }
    if (r.status !== 0)
      process.stderr.write(
        `torch-load-archive exited with ${r.status}:\n${(r.stderr ?? '').trim().split('\n').slice(-5).join('\n')}\n`,
      );
  }
  return results;
}
