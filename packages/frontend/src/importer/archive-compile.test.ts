import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { lint, parseIR, printGraph, TensorType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { type ArchiveCode, fixtureArchives } from '../../test/support/archive-code.js';
import { SchemaRegistry } from '../emitter/schema-registry.js';
import { fixturesDir } from '../testing/fixture-sources.js';
import { importArchiveCode } from './import-archive-code.js';

const dir = fixturesDir();
const constantTypes = JSON.parse(
  gunzipSync(readFileSync(new URL('../../test/fixtures/archive-declarations.json.gz', import.meta.url))).toString(),
) as Record<string, { root: string; constants: string[] }>;

/** Compiles every function and method of an archive's code: every one must compile. */
function compileArchive(archive: ArchiveCode): number {
  const table = constantTypes[archive.name]?.constants ?? [];
  const { importer } = importArchiveCode(archive.files, {
    version: archive.version,
    constants: (i) => (table[i] === 'Tensor' ? { type: TensorType.get() } : undefined),
    constantCount: table.length,
  });
  const root = constantTypes[archive.name]?.root;
  if (root) importer.loadType(root);
  importer.importAll();
  let graphs = 0;
  for (const fn of importer.definedFunctions()) {
    const graph = fn.graph();
    graphs++;
    lint(graph);
    const text = printGraph(graph);
    expect(printGraph(parseIR(text)), `${fn.qualifiedName}: print → parse → print`).toBe(text);
  }
  return graphs;
}

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone has no ../shared); CI has the fixtures, so this runs there.
describe.skipIf(!dir)('every code file of every fixture archive compiles', () => {
  if (!dir) {
    // The fixtures live outside the repository (../shared/fixtures/torchscript): a user's clone has none.
    it.skip('../shared/fixtures/torchscript is absent: the fixture archives were not compiled', () => {});
    return;
  }
  const archives = fixtureArchives(dir);
  const totals = { archives: 0, files: 0, graphs: 0 };

  for (const archive of archives) {
    it(`${archive.name} (${archive.files.size} files)`, () => {
      const graphs = compileArchive(archive);
      expect(graphs).toBeGreaterThan(0);
      totals.archives++;
      totals.files += archive.files.size;
      totals.graphs += graphs;
    });
  }

  it('compiled every archive', () => {
    expect(totals.archives).toBe(archives.length);
    expect(totals.archives).toBe(78);
    console.log(`compiled ${totals.graphs} graphs from ${totals.files} code files of ${totals.archives} archives`);
  });
});

it('the dynamic-quantization operators the archives call are known to the compiler (declared without a kernel)', () => {
  const registry = SchemaRegistry.fromOps();
  for (const name of ['quantized::linear_dynamic', 'quantized::linear_prepack', 'aten::quantized_lstm'])
    expect(registry.has(name), name).toBe(true);
});
