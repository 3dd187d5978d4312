import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, parseIR, TensorType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { SourceImporter } from '../src/importer/source-importer.js';
import { fixturesDir } from '../src/testing/fixture-sources.js';
import { fixtureArchives } from './support/archive-code.js';
import { torchRegistryForTests } from './support/emit-context.js';

/**
 * The acceptance criteria of the emitter on the shared conformance fixtures: every `source` case
 * compiles as one compilation unit; every `source_error` case is rejected at the line the case
 * names, with its substring in the message; the code of every archive compiles, with graphs that
 * lint and print → parse → print the same.
 */
const dir = fixturesDir();

interface Case {
  kind: string;
  error?: { line: number; contains: string };
}

function sourceCases(kind: string): { name: string; source: string; meta: Case }[] {
  if (!dir) return [];
  const out: { name: string; source: string; meta: Case }[] = [];
  for (const name of readdirSync(dir).sort()) {
    const source = join(dir, name, 'source.py');
    if (!existsSync(source)) continue;
    const meta = JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8')) as Case;
    if (meta.kind === kind) out.push({ name, source: readFileSync(source, 'utf8'), meta });
  }
  return out;
}

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone has no ../shared); CI has the fixtures, so this runs there.
describe.skipIf(!dir)('shared TorchScript fixtures (skipped: ../shared/fixtures/torchscript not found)', () => {
  const sources = sourceCases('source');
  const errors = sourceCases('source_error');

  it('has source and source_error cases', () => {
    expect(sources.length).toBeGreaterThan(0);
    expect(errors.length).toBeGreaterThan(0);
  });

  it.each(sources)('compiles $name', ({ source }) => {
    const cu = new CompilationUnit({ registry: torchRegistryForTests() });
    const { functions } = cu.define(source, { file: 'source.py' });
    cu.compileAll();
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const graph = fn.graph();
      lint(graph);
      expect(parseIR(graph.toString()).toString()).toBe(graph.toString());
    }
  });

  it.each(errors)('rejects $name at its line', ({ source, meta }) => {
    const cu = new CompilationUnit({ registry: torchRegistryForTests() });
    let error: unknown;
    try {
      cu.define(source, { file: 'source.py' });
      cu.compileAll();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrontendError);
    const frontendError = error as FrontendError;
    expect(frontendError.line).toBe(meta.error?.line);
    expect(frontendError.message).toContain(meta.error?.contains);
  });

  const archives = dir ? fixtureArchives(dir) : [];
  it.each(archives.map((a) => ({ name: a.name, archive: a })))('compiles the code of $name', ({ archive }) => {
    const cu = new CompilationUnit({ registry: torchRegistryForTests() });
    // Traced archives read tensors from the archive's constants.pkl (the loader's part): typed as tensors here.
    const importer = new SourceImporter(cu, archive.files, cu.importerValues(), {
      version: archive.version,
      constants: () => ({ type: TensorType.get() }),
      constantCount: Number.MAX_SAFE_INTEGER,
    });
    importer.importAll();
    const functions = importer.definedFunctions();
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const graph = fn.graph();
      lint(graph);
      expect(parseIR(graph.toString()).toString()).toBe(graph.toString());
    }
  });
});
