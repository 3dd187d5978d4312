import { readFileSync } from 'node:fs';
import { type Graph, lint, parseIR } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import type { ScriptFunction } from '../src/emitter/script-function.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { torchRegistryForTests } from './support/emit-context.js';
import { canonicalText, normalizeGraph } from './support/normalize-graph.js';

/**
 * The emitter against PyTorch 1.13 (tooling/fixtures/gen_emitter_goldens.py): for each program,
 * the graph of each function after the same cleanup normalization on both sides (PyTorch's graphs
 * come after its frontend cleanup; see support/normalize-graph.ts), compared as text with values
 * renamed, with and without source ranges; the schema; and for the programs PyTorch rejects, the
 * line of the error.
 */
interface GoldenFunction {
  graph: string;
  schema: string;
}
interface GoldenCase {
  name: string;
  mode: 'cu' | 'script';
  file: string;
  prefix: string;
  source: string;
  functions?: Record<string, GoldenFunction>;
  error?: { line: number; message: string };
}

const goldens: { torch: string; cases: GoldenCase[] } = JSON.parse(
  readFileSync(new URL('./fixtures/emitter/goldens.json', import.meta.url), 'utf8'),
);

/**
 * Where source ranges legitimately differ:
 * - script-mode cases come from PyTorch's Python frontend, whose Def range starts at `def` where
 *   the C++ parser (torch.jit.CompilationUnit, archive code, and this compiler) starts it at the
 *   name: the implicit `return None` of a method is one column apart;
 * - `x.shape` is a builtin PyTorch compiles from its own TorchScript source, so its node carries a
 *   range into that source (line 13 of builtin_functions), which has no meaning here.
 */
const RANGES_DIFFER = new Set(['class_basic', 'class_method_calls_method', 'tensor_props']);

function unit(c: GoldenCase): CompilationUnit {
  const cu = new CompilationUnit({ registry: torchRegistryForTests() });
  cu.define(c.source, { file: c.file, prefix: c.prefix });
  return cu;
}

function findCompiled(cu: CompilationUnit, c: GoldenCase, name: string): ScriptFunction {
  const qualified = c.prefix ? `${c.prefix}.${name}` : name;
  const fn = cu.findFunction(qualified);
  if (fn) return fn;
  const [cls, method] = name.split('.');
  const type = cu.findClass(`${c.prefix}.${cls}`);
  const found = type && cu.findMethod(type, method as string);
  if (!found) throw new Error(`no function ${qualified}`);
  return found;
}

function normalized(graph: Graph, withRanges: boolean): string {
  const copy = graph.copy();
  normalizeGraph(copy);
  return canonicalText(copy, withRanges);
}

describe(`emitter goldens (PyTorch ${goldens.torch})`, () => {
  const compiled = goldens.cases.filter((c) => c.functions);
  const rejected = goldens.cases.filter((c) => c.error);

  it('covers many programs', () => {
    expect(compiled.length).toBeGreaterThan(150);
    expect(rejected.length).toBeGreaterThan(20);
  });

  describe.each(compiled)('$name', (c) => {
    const cu = unit(c);
    it.each(Object.entries(c.functions as Record<string, GoldenFunction>))('%s', (name, golden) => {
      const fn = findCompiled(cu, c, name);
      const graph = fn.graph();
      lint(graph);
      // print → parse → print gives the same text.
      expect(parseIR(graph.toString()).toString()).toBe(graph.toString());
      // PyTorch's schema printer writes enum types as `Enum<name>`; @tsjit/ir's as their name.
      expect(fn.schema().toString()).toBe(golden.schema.replace(/Enum<([\w.]+)>/g, '$1'));
      const theirs = parseIR(golden.graph);
      expect(normalized(graph, false)).toBe(normalized(theirs, false));
      if (!RANGES_DIFFER.has(c.name)) expect(normalized(graph, true)).toBe(normalized(theirs, true));
    });
  });

  it.each(rejected)('rejects $name at the line PyTorch names', (c) => {
    const cu = unit(c);
    let error: unknown;
    try {
      cu.compileAll();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrontendError);
    expect((error as FrontendError).line).toBe(c.error?.line);
  });
});
