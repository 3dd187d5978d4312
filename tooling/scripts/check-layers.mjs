#!/usr/bin/env node
// Fails when a workspace package imports from a higher (or the same) layer of
// docs/architecture.md §1, from an app, or from a package its package.json does not declare.
//   node tooling/scripts/check-layers.mjs [rootDir]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOWED_SIDEWAYS, LAYERS } from './layers.mjs';

const SOURCE = /\.(c|m)?(t|j)sx?$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'build-asan', '.turbo', 'coverage']);
// TypeScript's own pre-processor finds import, export-from, import() and require() specifiers
// without being fooled by strings or comments that look like imports.
const ts = createRequire(import.meta.url)('typescript');

function importsOf(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function packageName(spec) {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const builtins = new Set(builtinModules);

/** Returns a list of human-readable violations for the workspace at root. */
export function checkLayers(root) {
  const problems = [];
  const workspaces = [];
  for (const group of ['packages', 'apps', 'tooling']) {
    let names = [];
    try {
      names = readdirSync(join(root, group));
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = join(root, group, name);
      let pkg;
      try {
        pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      workspaces.push({ group, dir, pkg });
    }
  }
  const appNames = new Set(workspaces.filter((w) => w.group === 'apps').map((w) => w.pkg.name));
  for (const { group, dir, pkg } of workspaces) {
    const me = pkg.name;
    if (group === 'packages' && !(me in LAYERS)) {
      problems.push(
        `${relative(root, dir)}: package ${me} has no layer in tooling/scripts/layers.mjs (add it, as in docs/architecture.md §1)`,
      );
      continue;
    }
    const declared = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.devDependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}),
    ]);
    const allowed = (target) => {
      if (appNames.has(target)) return group === 'apps' && target === me;
      if (group !== 'packages') return true;
      if (!(target in LAYERS)) return true; // third-party or tooling config
      if (target === me) return true;
      if (ALLOWED_SIDEWAYS.has(`${me} -> ${target}`)) return true;
      return LAYERS[target] < LAYERS[me];
    };
    for (const dep of declared) {
      if (dep.startsWith('@tsjit/') || dep === 'tsjit') {
        if (!allowed(dep))
          problems.push(
            `${relative(root, dir)}/package.json: ${me} (layer ${LAYERS[me]}) depends on ${dep} (layer ${LAYERS[dep] ?? 'app'})`,
          );
      }
    }
    for (const file of walk(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const spec of importsOf(text)) {
        const target = packageName(spec);
        if (!target || builtins.has(target) || target === me) continue;
        const where = `${relative(root, file)}`;
        if ((target.startsWith('@tsjit/') || target === 'tsjit' || appNames.has(target)) && !allowed(target)) {
          problems.push(
            `${where}: ${me} (layer ${LAYERS[me]}) imports ${target} (layer ${LAYERS[target] ?? 'app'}); a package may import only from lower layers`,
          );
        }
        if (!declared.has(target)) {
          problems.push(
            `${where}: imports ${target}, which ${relative(root, join(dir, 'package.json'))} does not declare`,
          );
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
  const problems = checkLayers(root);
  if (problems.length) {
    console.error(`check-layers: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('check-layers: ok');
}
