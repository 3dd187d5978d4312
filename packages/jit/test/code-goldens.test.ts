import { lint, parseIR } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { CompilationUnit, type ScriptFunction } from '../src/index.js';
import { type GoldenCase, codeGoldens as goldens } from './support/code-goldens.js';
import {
  type Aspect,
  ENUM_SCHEMA,
  expectSame,
  type KnownList,
  TORCH_BUILTIN_SOURCE,
} from './support/known-differences.js';
import { torchSchemas } from './support/torch-schemas.js';

/**
 * ScriptFunction and ScriptClass against PyTorch 1.13 (tooling/fixtures/gen_jit_code_goldens.py):
 * for every function and method of every program, `code` and `schema` are PyTorch's exactly, and
 * `graph` and `inlinedGraph` are PyTorch's `fn.graph` and `fn.inlined_graph` up to value numbering
 * (see support/compare-graphs.ts); each script class's `code` is what `torch.jit.save` writes for
 * it. Programs with classes went through PyTorch's Python frontend, whose source ranges differ
 * from its C++ parser's (which this compiler follows) in one place, the implicit `return None` of
 * a def (at `def` there, at the name here): their graphs are compared without source ranges.
 * Every graph also prints, parses and prints back the same, and passes lint. Where we differ from
 * PyTorch, the difference is listed below (see support/known-differences.ts).
 *
 * The programs are compiled against PyTorch's own schema list, so that what is compared is the
 * compiler; `default-registry.test.ts` checks that @tsjit/ops's schemas give the same graphs.
 */
const KNOWN: KnownList = [
  [/^strings\/slices\/(graph|inlinedGraph)$/, TORCH_BUILTIN_SOURCE],
  [/^no_grad_fork\/frozen\/inlinedGraph$/, TORCH_BUILTIN_SOURCE],
  [/^enums\/\w+\/schema$/, ENUM_SCHEMA],
];

function same(c: GoldenCase, name: string, aspect: Aspect, ours: string, theirs: string): void {
  expectSame(
    { known: KNOWN, key: `${c.name}/${name}/${aspect}`, aspect, withoutRanges: c.mode === 'script' },
    ours,
    theirs,
  );
}

function compile(c: GoldenCase): CompilationUnit {
  return new CompilationUnit(c.source, { file: c.file, prefix: c.prefix, schemas: torchSchemas() });
}

function find(cu: CompilationUnit, name: string): ScriptFunction {
  const [owner, method] = name.split('.');
  const fn = method === undefined ? cu.get(owner) : cu.getClass(owner)?.method(method);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
}

describe(`code goldens (PyTorch ${goldens.torch})`, () => {
  it('cover the language', () => {
    expect(goldens.cases.length).toBeGreaterThanOrEqual(25);
    expect(goldens.cases.reduce((n, c) => n + Object.keys(c.functions).length, 0)).toBeGreaterThan(100);
  });

  describe.each(goldens.cases)('$name', (c) => {
    const cu = compile(c);
    const functions = Object.entries(c.functions);

    it.each(functions)('%s: code', (name, golden) => {
      same(c, name, 'code', find(cu, name).code, golden.code);
    });

    it.each(functions)('%s: schema', (name, golden) => {
      same(c, name, 'schema', find(cu, name).schema.toString(), golden.schema);
    });

    it.each(functions)('%s: graph', (name, golden) => {
      same(c, name, 'graph', find(cu, name).graph.toString(), golden.graph);
    });

    it.each(functions)('%s: inlined graph', (name, golden) => {
      same(c, name, 'inlinedGraph', find(cu, name).inlinedGraph.toString(), golden.inlinedGraph);
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
        same(c, name, 'classCode', cu.getClass(name)?.code ?? '', golden.code as string);
      });
    }
  });
});
