import { FrontendError } from '@tsjit/frontend';
import { lint, parseIR } from '@tsjit/ir';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/index.js';
import { codeGoldens } from './support/code-goldens.js';

/**
 * Whatever source it is given, `new CompilationUnit(source)` either compiles it, and then every
 * function and method has a graph that lints and prints, parses and prints back the same, an
 * inlined graph that lints, and code; or it throws a FrontendError. Never another exception.
 */
function check(source: string): 'compiled' | 'rejected' {
  let cu: CompilationUnit;
  try {
    cu = new CompilationUnit(source, { prefix: '__torch__' });
  } catch (e) {
    if (e instanceof FrontendError) return 'rejected';
    throw e;
  }
  for (const fn of [...cu.functions, ...cu.classes.flatMap((c) => c.methods)]) {
    const graph = fn.graph;
    lint(graph);
    expect(parseIR(graph.toString()).toString()).toBe(graph.toString());
    lint(fn.inlinedGraph);
    expect(fn.code.startsWith('def ')).toBe(true);
  }
  for (const cls of cu.classes) expect(cls.code.startsWith('class ')).toBe(true);
  return 'compiled';
}

const sources = codeGoldens.cases.map((c) => c.source);

/** A line-level or character-level edit of a golden program. */
const mutated = fc
  .record({
    source: fc.constantFrom(...sources),
    edit: fc.oneof(
      fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('dedent' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.constantFrom('(', ')', ':', ' ', '\n', 'None', '1', '-', '[', ']', '.x', ' if ', 'return ', '"', ','),
      }),
      fc.record({ kind: fc.constant('deleteChars' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
    ),
  })
  .map(({ source, edit }) => {
    const lines = source.split('\n');
    const line = edit.at % lines.length;
    switch (edit.kind) {
      case 'deleteLine':
        return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
      case 'duplicateLine':
        return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
      case 'swapLines': {
        const next = (line + 1) % lines.length;
        const copy = [...lines];
        [copy[line], copy[next]] = [copy[next], copy[line]];
        return copy.join('\n');
      }
      case 'dedent':
        return lines.map((l, i) => (i === line ? l.replace(/^ {4}/, '') : l)).join('\n');
      case 'insert': {
        const at = edit.at % (source.length + 1);
        return source.slice(0, at) + edit.text + source.slice(at);
      }
      default: {
        const at = edit.at % (source.length + 1);
        return source.slice(0, at) + source.slice(at + edit.count);
      }
    }
  });

/** Small well-typed functions of ints: arithmetic, comparisons, if/else, for and while loops. */
const intExpr = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'b', 'n', '0', '1', '2', '-3'),
    fc
      .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '//', '%', '&', '|', '^'), tie('expr'))
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(tie('expr'), tie('expr')).map(([l, r]) => `max(${l}, ${r})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, e]) => `(${t} if ${c} > 0 else ${e})`),
  ),
})).expr;

const statement = fc.oneof(
  intExpr.map((e) => [`a = ${e}`]),
  intExpr.map((e) => [`b += ${e}`]),
  fc.tuple(intExpr, intExpr).map(([c, e]) => [`if ${c} < 2:`, `    a = ${e}`, 'else:', '    b = a']),
  intExpr.map((e) => ['for i in range(n):', `    a = a + i * ${e}`]),
  fc.constant(['while a > 100:', '    a = a // 2']),
  fc.constant(['if a > b:', '    return a']),
);

const generated = fc.array(statement, { minLength: 1, maxLength: 6 }).map((stmts) => {
  const body = stmts.flat().map((line) => `    ${line}`);
  return ['def f(n: int) -> int:', '    a = n', '    b = 1', ...body, '    return a + b', ''].join('\n');
});

describe('fuzzing the compilation unit', () => {
  it('mutated golden programs compile or are rejected with a FrontendError', () => {
    const outcomes = { compiled: 0, rejected: 0 };
    fc.assert(
      fc.property(mutated, (source) => {
        outcomes[check(source)]++;
      }),
      { numRuns: Number(process.env.RUNS ?? 300), seed: process.env.SEED ? Number(process.env.SEED) : 4 },
    );
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(outcomes.compiled).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });

  it('generated programs of ints compile, and their graphs lint and round-trip', () => {
    fc.assert(
      fc.property(generated, (source) => {
        expect(check(source)).toBe('compiled');
      }),
      { numRuns: Number(process.env.RUNS ?? 150), seed: process.env.SEED ? Number(process.env.SEED) : 5 },
    );
  });
});
