#!/usr/bin/env node
// Builds the native addon from source with node-gyp (the fallback when no prebuilt binary fits).
//   node scripts/build-addon.mjs           release build into build/Release
//   node scripts/build-addon.mjs --asan    ASan+UBSan build into build-asan/ (for pnpm test:asan)
// Node's headers come from the running Node's own prefix when they are there, so the build
// needs no download.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const asan = process.argv.includes('--asan');

function nodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = resolve(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function run(cwd, args, gypArgs = []) {
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const dir = nodeDir();
  const full = [gyp, ...args, `--jobs=${cpus().length}`, ...(dir ? [`--nodedir=${dir}`] : []), ...gypArgs];
  const r = spawnSync(process.execPath, full, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(
      `\n@tsjit/kernels: building the native addon failed (node-gyp ${args.join(' ')}).\n` +
        "It needs python3, make and a C++17 compiler (g++ or clang++), and Node's headers\n" +
        '(shipped with Node in <prefix>/include/node, or set npm_config_nodedir).',
    );
    process.exit(r.status ?? 1);
  }
}

if (!asan) {
  const configured = existsSync(join(pkgDir, 'build', 'Makefile'));
  run(pkgDir, configured ? ['build'] : ['rebuild']);
} else {
  // A separate tree so the sanitized binary never replaces the release one.
  const work = join(pkgDir, 'build-asan');
  mkdirSync(work, { recursive: true });
  // Links, not copies: the sources stay in one place and make sees their real timestamps, so a
  // rebuild recompiles only what changed.
  for (const entry of ['native', 'binding.gyp', 'node_modules']) {
    rmSync(join(work, entry), { recursive: true, force: true });
    symlinkSync(join(pkgDir, entry), join(work, entry));
  }
  const configured = existsSync(join(work, 'build', 'Makefile'));
  run(work, configured ? ['build'] : ['rebuild'], configured ? [] : ['--', '-Dtsjit_asan=1', '-Dtsjit_opt=-O1']);
}
