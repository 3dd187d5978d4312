import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { lint, parseIR, printGraph, TensorType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { type ArchiveCode, fixtureArchives } from '../../test/support/archive-code.js';
import { SchemaRegistry } from '../emitter/schema-registry.js';
import { FrontendError } from '../errors/frontend-error.js';
import { fixturesDir } from '../testing/fixture-sources.js';
import { importArchiveCode } from './import-archive-code.js';

const dir = fixturesDir();
const constantTypes = JSON.parse(
  gunzipSync(readFileSync(new URL('../../test/fixtures/archive-declarations.json.gz', import.meta.url))).toString(),
) as Record<string, { root: string; constants: string[] }>;

/**
 * Operators archive code calls that @tsjit/ops does not define yet (dynamic quantization). Calls
 * of them are the only accepted failures below; the test at the end fails as soon as one of them
 * is registered, so that this list shrinks with the op library.
 */
const MISSING_OPS = [
  'aten::quantized_lstm',
  'quantized::linear_dynamic',
  'quantized::linear_dynamic_fp16',
  'quantized::linear_prepack',
  'quantized::linear_prepack_fp16',
  'quantized::linear_unpack',
  'quantized::linear_unpack_fp16',
];

/** Compiles every function and method of an archive's code; the failures by function, if any. */
function compileArchive(archive: ArchiveCode): { graphs: number; failures: Map<string, string> } {
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
  const failures = new Map<string, string>();
  for (const fn of importer.definedFunctions()) {
    let graph: ReturnType<typeof fn.graph>;
    try {
      graph = fn.graph();
    } catch (e) {
      if (!FrontendError.isInstance(e)) throw e;
      failures.set(fn.qualifiedName, (e as FrontendError).message);
      continue;
    }
    graphs++;
    lint(graph);
    const text = printGraph(graph);
    expect(printGraph(parseIR(text)), `${fn.qualifiedName}: print → parse → print`).toBe(text);
  }
  return { graphs, failures };
}

describe.skipIf(!dir)('every code file of every fixture archive compiles', () => {
  if (!dir) {
    it.skip('../shared/fixtures/torchscript is absent: the fixture archives were not compiled', () => {});
    return;
  }
  const archives = fixtureArchives(dir);
  const totals = { archives: 0, files: 0, graphs: 0 };

  for (const archive of archives) {
    it(`${archive.name} (${archive.files.size} files)`, () => {
      const { graphs, failures } = compileArchive(archive);
      for (const [name, message] of failures) {
        const reason = /^Unknown builtin op: ([a-z_]+::[A-Za-z_0-9]+)\./.exec(message);
        expect(reason && MISSING_OPS.includes(reason[1] as string), `${name} failed:\n${message}`).toBe(true);
      }
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

it('the operators whose absence is tolerated above are still absent from @tsjit/ops', () => {
  const registry = SchemaRegistry.fromOps();
  for (const name of MISSING_OPS)
    expect(registry.has(name), `${name} is registered now: drop it from MISSING_OPS`).toBe(false);
});
