import { readFileSync } from 'node:fs';
import { lint, parseIR } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { CompilationUnit, type ScriptFunction } from '../src/index.js';
import { renameValues, withoutRanges } from './support/compare-graphs.js';
import { torchSchemas } from './support/torch-schemas.js';

/**
 * ScriptFunction and ScriptClass against PyTorch 1.13 (tooling/fixtures/gen_jit_code_goldens.py):
 * for every function and method of every program, `code` and `schema` are PyTorch's exactly, and
 * `graph` and `inlinedGraph` are PyTorch's `fn.graph` and `fn.inlined_graph` up to value numbering
 * (see support/compare-graphs.ts). Programs with classes went through PyTorch's Python frontend,
 * whose source ranges differ from its C++ parser's (which this compiler follows) in one place:
 * the implicit `return None` of a def points at `def` there, at the name here; their graphs are
 * compared without source ranges. Every graph also prints, parses and prints back the same, and
 * passes lint.
 */
interface GoldenFunction {
  graph: string;
  inlinedGraph: string;
  code: string;
  schema: string;
}
interface GoldenCase {
  name: string;
  mode: 'cu' | 'script';
  file: string;
  prefix: string;
  source: string;
  functions: Record<string, GoldenFunction>;
  classes?: Record<string, { code: string | null }>;
}

const goldens: { torch: string; cases: GoldenCase[] } = JSON.parse(
  readFileSync(new URL('./fixtures/code-goldens.json', import.meta.url), 'utf8'),
);

function compile(c: GoldenCase): CompilationUnit {
  return new CompilationUnit(c.source, { file: c.file, prefix: c.prefix, schemas: torchSchemas() });
}

function find(cu: CompilationUnit, name: string): ScriptFunction {
  const [owner, method] = name.split('.');
  const fn = method === undefined ? cu.get(owner) : cu.getClass(owner)?.method(method);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
}

const normalize = (c: GoldenCase) => (c.mode === 'script' ? withoutRanges : renameValues);

describe(`code goldens (PyTorch ${goldens.torch})`, () => {
  it('cover the language', () => {
    expect(goldens.cases.length).toBeGreaterThanOrEqual(25);
    expect(goldens.cases.reduce((n, c) => n + Object.keys(c.functions).length, 0)).toBeGreaterThan(100);
  });

  describe.each(goldens.cases)('$name', (c) => {
    const cu = compile(c);
    const functions = Object.entries(c.functions);

    it.each(functions)('%s: code and schema', (name, golden) => {
      const fn = find(cu, name);
      expect(fn.code).toBe(golden.code);
      expect(fn.schema.toString()).toBe(golden.schema);
    });

    it.each(functions)('%s: graph', (name, golden) => {
      const graph = find(cu, name).graph;
      expect(normalize(c)(graph.toString())).toBe(normalize(c)(golden.graph));
    });

    it.each(functions)('%s: inlined graph', (name, golden) => {
      const graph = find(cu, name).inlinedGraph;
      expect(normalize(c)(graph.toString())).toBe(normalize(c)(golden.inlinedGraph));
    });

    it.each(functions)('%s: graphs print, parse and print back the same, and lint', (name) => {
      const fn = find(cu, name);
      for (const graph of [fn.graph, fn.inlinedGraph]) {
        lint(graph);
        expect(parseIR(graph.toString()).toString()).toBe(graph.toString());
      }
    });

    const classes = Object.entries(c.classes ?? {}).filter(([, golden]) => golden.code !== null);
    if (classes.length > 0) {
      it.each(classes)('class %s: code', (name, golden) => {
        expect(cu.getClass(name)?.code).toBe(golden.code);
      });
    }
  });
});
