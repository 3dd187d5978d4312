import { readFileSync } from 'node:fs';
import { lint } from '@tsjit/ir';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';
import { torchRegistryForTests } from './support/emit-context.js';

/**
 * The compiler on programs it was not written for: mutated fixture and golden sources, and
 * generated programs. Every one must compile (to graphs that lint) or be rejected with a
 * FrontendError: never another exception, never a hang.
 */
const registry = torchRegistryForTests();

function compileOrReject(source: string): 'compiled' | 'rejected' {
  const cu = new CompilationUnit({ registry });
  try {
    cu.define(source, { prefix: '' });
    cu.compileAll();
    for (const fn of cu.functions) lint(fn.graph());
    return 'compiled';
  } catch (e) {
    if (e instanceof FrontendError) return 'rejected';
    throw new Error(`not a FrontendError for:\n${source}\n${(e as Error).stack}`);
  }
}

const goldenSources: string[] = (
  JSON.parse(readFileSync(new URL('./fixtures/emitter/goldens.json', import.meta.url), 'utf8')) as {
    cases: { mode: string; source: string }[];
  }
).cases
  .filter((c) => c.mode === 'cu')
  .map((c) => c.source);

const dir = fixturesDir();
const fixtureTexts = dir
  ? fixtureSources(dir)
      .filter((s) => s.name.endsWith('source.py'))
      .map((s) => s.text)
  : [];
const corpus = [...goldenSources, ...fixtureTexts];

const SNIPPETS = [
  'x',
  '1',
  '2.5',
  '"s"',
  'None',
  'True',
  '[]',
  '{}',
  '(1, 2)',
  'x[0]',
  'x.y',
  'f(x)',
  'len(x)',
  'x + 1',
  'not x',
  'x is None',
  'return',
  'break',
  'continue',
  'pass',
  'raise ValueError("e")',
  'for i in range(3):',
  'while x:',
  'if x:',
  'else:',
  'del x',
  'assert x',
  ': int',
  '-> int',
  'Optional[int]',
  'List[Tensor]',
  '*',
  '(',
  ')',
  ',',
  '=',
  '+=',
];

/** A mutation of a program: lines dropped, duplicated or swapped, snippets inserted, characters deleted. */
const mutated = fc
  .record({
    base: fc.constantFrom(...corpus),
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom('drop', 'dup', 'swap', 'insert', 'delete', 'indent'),
        at: fc.nat(),
        other: fc.nat(),
        snippet: fc.constantFrom(...SNIPPETS),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ base, edits }) => {
    let lines = base.split('\n');
    for (const edit of edits) {
      const i = edit.at % Math.max(1, lines.length);
      const j = edit.other % Math.max(1, lines.length);
      const line = lines[i] ?? '';
      switch (edit.kind) {
        case 'drop':
          lines = lines.filter((_, k) => k !== i);
          break;
        case 'dup':
          lines.splice(i, 0, line);
          break;
        case 'swap':
          [lines[i], lines[j]] = [lines[j] ?? '', line];
          break;
        case 'insert': {
          const col = edit.other % (line.length + 1);
          lines[i] = `${line.slice(0, col)} ${edit.snippet} ${line.slice(col)}`;
          break;
        }
        case 'delete': {
          const col = edit.other % (line.length + 1);
          lines[i] = line.slice(0, col) + line.slice(col + 1 + (edit.at % 3));
          break;
        }
        case 'indent':
          lines[i] = `    ${line}`;
          break;
      }
    }
    return lines.join('\n');
  });

// ---- generated programs -------------------------------------------------------------------------

const TYPES = [
  'int',
  'float',
  'bool',
  'str',
  'Tensor',
  'List[int]',
  'Optional[int]',
  'Dict[str, int]',
  'Tuple[int, str]',
];
const NAMES = ['a', 'b', 'c', 'x', 'y'];

const expr: fc.Memo<string> = fc.memo((depth) => {
  const leaf = fc.oneof(
    fc.constantFrom(...NAMES),
    fc.integer({ min: -3, max: 10 }).map(String),
    fc.constantFrom('1.5', '"s"', 'None', 'True', 'False', '[]', '[1, 2]', '{"k": 1}', '(1, "a")'),
  );
  if (depth <= 1) return leaf;
  const sub = expr(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    fc
      .tuple(sub, fc.constantFrom('+', '-', '*', '/', '//', '%', '<', '==', 'and', 'or', 'in', 'is'), sub)
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(fc.constantFrom('not ', '-'), sub).map(([op, e]) => `${op}${e}`),
    fc.tuple(sub, sub).map(([e, i]) => `${e}[${i}]`),
    fc
      .tuple(fc.constantFrom('len', 'int', 'float', 'str', 'bool', 'g', 'torch.relu', 'min'), sub)
      .map(([f, e]) => `${f}(${e})`),
    fc.tuple(sub, sub, sub).map(([a, c, b]) => `${a} if ${c} else ${b}`),
    fc.tuple(sub, fc.constantFrom(...NAMES)).map(([e, n]) => `[${e} for ${n} in range(3)]`),
    fc.tuple(sub, fc.constantFrom('append', 'size', 'items', 'keys', 'strip', 'dim')).map(([e, m]) => `${e}.${m}()`),
  );
});

const statement: fc.Memo<string[]> = fc.memo((depth) => {
  const simple = fc.oneof(
    fc.tuple(fc.constantFrom(...NAMES), expr(3)).map(([n, e]) => [`${n} = ${e}`]),
    fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...TYPES), expr(2)).map(([n, t, e]) => [`${n}: ${t} = ${e}`]),
    fc
      .tuple(fc.constantFrom(...NAMES), fc.constantFrom('+=', '-=', '*=', '//='), expr(2))
      .map(([n, op, e]) => [`${n} ${op} ${e}`]),
    expr(3).map((e) => [`return ${e}`]),
    expr(2).map((e) => [`assert ${e}`]),
    fc.constantFrom('pass', 'break', 'continue', 'raise ValueError("no")', 'del x').map((s) => [s]),
    fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), expr(2)).map(([a, b, e]) => [`${a}, ${b} = ${e}`]),
  );
  if (depth <= 1) return simple;
  const block = fc.array(statement(depth - 1), { minLength: 1, maxLength: 3 }).map((ss) => ss.flat());
  const indent = (lines: string[]) => lines.map((l) => `    ${l}`);
  return fc.oneof(
    { weight: 3, arbitrary: simple },
    fc
      .tuple(expr(2), block, fc.option(block))
      .map(([c, t, e]) => [`if ${c}:`, ...indent(t), ...(e ? ['else:', ...indent(e)] : [])]),
    fc.tuple(expr(2), block).map(([c, b]) => [`while ${c}:`, ...indent(b)]),
    fc.tuple(fc.constantFrom(...NAMES), expr(2), block).map(([n, it, b]) => [`for ${n} in ${it}:`, ...indent(b)]),
    block.map((b) => ['with torch.no_grad():', ...indent(b)]),
  );
});

const program = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...NAMES.slice(0, 3)), fc.constantFrom(...TYPES)), {
      minLength: 0,
      maxLength: 3,
    }),
    fc.option(fc.constantFrom(...TYPES)),
    fc.array(statement(3), { minLength: 1, maxLength: 5 }),
  )
  .map(([params, ret, body]) => {
    const unique = params.filter(([n], i) => params.findIndex(([m]) => m === n) === i);
    const signature = unique.map(([n, t]) => `${n}: ${t}`).join(', ');
    return [
      'def g(v: int) -> int:',
      '    return v + 1',
      '',
      `def f(${signature})${ret ? ` -> ${ret}` : ''}:`,
      ...body.flat().map((l) => `    ${l}`),
      '',
    ].join('\n');
  });

// Well-typed int programs: control flow with every kind of exit, to exercise the SSA conversion
// and the exit transforms (each graph must lint).
const intExpr: fc.Memo<string> = fc.memo((depth) => {
  const leaf = fc.oneof(fc.constantFrom('a', 'b', 'n'), fc.integer({ min: -2, max: 5 }).map(String));
  if (depth <= 1) return leaf;
  const sub = intExpr(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    fc.tuple(sub, fc.constantFrom('+', '-', '*'), sub).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(sub, sub, sub).map(([x, y, z]) => `(${x} if ${y} > ${z} else ${z})`),
  );
});

const intStatement: fc.Memo<string[]> = fc.memo((depth) => {
  const simple = fc.oneof(
    fc.tuple(fc.constantFrom('a', 'b'), intExpr(2)).map(([v, e]) => [`${v} = ${e}`]),
    fc.tuple(fc.constantFrom('a', 'b'), intExpr(2)).map(([v, e]) => [`${v} += ${e}`]),
    intExpr(2).map((e) => [`return ${e}`]),
    fc.constantFrom('break', 'continue', 'pass').map((k) => [k]),
    intExpr(2).map((e) => [`if ${e} > 3:`, '    raise ValueError("big")']),
    intExpr(2).map((e) => [`l.append(${e})`]),
    fc.constantFrom<string[]>(
      ['if o is not None:', '    a += o'],
      ['if o is None:', '    return a'],
      ['o = None'],
      ['o = a'],
      ['a = len(l)'],
      ['for x in l:', '    a += x'],
      ['l = [x * 2 for x in l if x > a]'],
      ['if o is not None and o > a:', '    b = o'],
      ['a, b = b, a'],
      ['assert a > 0, "a"'],
    ),
  );
  if (depth <= 1) return simple;
  const block = fc.array(intStatement(depth - 1), { minLength: 1, maxLength: 3 }).map((ss) => ss.flat());
  const indent = (lines: string[]) => lines.map((l) => `    ${l}`);
  return fc.oneof(
    { weight: 2, arbitrary: simple },
    fc
      .tuple(intExpr(2), block, fc.option(block))
      .map(([c, t, e]) => [`if ${c} > 0:`, ...indent(t), ...(e ? ['else:', ...indent(e)] : [])]),
    fc.tuple(intExpr(2), block).map(([c, b]) => [`while ${c} < 10:`, ...indent(b), '    n += 1']),
    fc.tuple(intExpr(1), block).map(([c, b]) => [`for i in range(${c}):`, ...indent(b)]),
    ...(process.env.FUZZ_NO_WITH ? [] : [block.map((b) => ['with torch.no_grad():', ...indent(b)])]),
  );
});

const intProgram = fc
  .array(intStatement(4), { minLength: 1, maxLength: 5 })
  .map((body) =>
    [
      'def f(a: int, b: int, n: int, l: List[int]) -> int:',
      '    o: Optional[int] = None',
      ...body.flat().map((line) => `    ${line}`),
      '    return a + b',
      '',
    ].join('\n'),
  );

describe('emitter fuzzing', () => {
  it('compiles or rejects mutated fixture and golden sources', () => {
    const outcomes = { compiled: 0, rejected: 0 };
    fc.assert(
      fc.property(mutated, (source) => {
        outcomes[compileOrReject(source)]++;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 5000), seed: Number(process.env.FUZZ_SEED ?? 4242) },
    );
    // The mutations must exercise the emitter, not only the parser.
    if (process.env.FUZZ_LOG) console.log(outcomes);
    expect(outcomes.compiled).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(100);
  });

  it('compiles or rejects generated programs', () => {
    const outcomes = { compiled: 0, rejected: 0 };
    fc.assert(
      fc.property(program, (source) => {
        outcomes[compileOrReject(source)]++;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 5000), seed: Number(process.env.FUZZ_SEED ?? 1717) },
    );
    if (process.env.FUZZ_LOG) console.log(outcomes);
    expect(outcomes.compiled).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(100);
  });

  it('compiles well-typed programs with every kind of exit to graphs that lint', () => {
    const outcomes = { compiled: 0, rejected: 0 };
    fc.assert(
      fc.property(intProgram, (source) => {
        outcomes[compileOrReject(source)]++;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000), seed: Number(process.env.FUZZ_SEED ?? 99) },
    );
    if (process.env.FUZZ_LOG) console.log(outcomes);
    // Rejections here are break/continue outside loops and exits inside with-blocks.
    expect(outcomes.compiled).toBeGreaterThan(outcomes.rejected);
  });

  it('gives a FrontendError, not a stack overflow, for deeply nested control flow', () => {
    const depth = 90;
    const lines = ['def f(x: int) -> int:'];
    for (let i = 0; i < depth; i++) lines.push(`${'    '.repeat(i + 1)}if x > ${i}:`);
    lines.push(`${'    '.repeat(depth + 1)}x = x + 1`);
    lines.push('    return x');
    expect(compileOrReject(lines.join('\n'))).toBe('compiled');
    const e = 'def f(x: int) -> int:\n    return ' + '('.repeat(10000) + 'x' + ')'.repeat(10000) + '\n';
    expect(compileOrReject(e)).toBe('rejected');
  });
});
