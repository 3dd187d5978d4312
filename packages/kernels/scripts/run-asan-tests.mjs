#!/usr/bin/env node
// Runs the kernel tests against the ASan + UBSan build (made by `build-addon.mjs --asan`).
// Node itself is not instrumented, so the sanitizer runtimes are preloaded; leak checking is off
// because Node keeps its heap alive at exit by design.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(pkgDir, 'build-asan', 'build', 'Release', 'tsjit_kernels.node');
if (!existsSync(addon)) {
  console.error(`run-asan-tests: ${addon} is missing; run \`node scripts/build-addon.mjs --asan\` first`);
  process.exit(1);
}
const runtime = (name) => execFileSync('g++', [`-print-file-name=${name}`], { encoding: 'utf8' }).trim();
const preload = [runtime('libasan.so'), runtime('libubsan.so')].filter((p) => p.startsWith('/'));
const root = resolve(pkgDir, '..', '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--project',
    'kernels',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results-asan.json',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      TSJIT_KERNELS_ADDON: addon,
      LD_PRELOAD: preload.join(' '),
      ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1:halt_on_error=1:allow_user_segv_handler=1',
      UBSAN_OPTIONS: 'halt_on_error=1:abort_on_error=1:print_stacktrace=1',
    },
  },
);
process.exit(r.status ?? 1);
