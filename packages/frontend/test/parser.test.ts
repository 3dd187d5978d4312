import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../src/ast.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { Parser } from '../src/parser.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../tooling/fixtures/python_expr_ast.py', import.meta.url);

/** Our AST without ranges, in the shape python_expr_ast.py prints Python's. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  if (node.kind === 'FString') return { kind: 'FString' };
  if (node.kind === 'Number') return { kind: 'Number', text: node.text };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'range') out[k] = strip(v);
  return out;
}

const EXPRESSIONS = [
  'a + b * c - d / e // f % g @ h',
  '-a ** -b ** c',
  '~a << 2 | b & c ^ d >> 1',
  'not a and b or not not c and d',
  'a < b <= c is not d not in e in f is g != h == i',
  'x if c else y if d else z',
  'f(a, b=1, *args, **kw)(x)[0].attr.y',
  'x[1:2, ::3, :, 4:, ..., None]',
  'x[a:b:c]',
  'x[:, 0]',
  'x[()]',
  '(a, b), (c,), ()',
  '[1, *rest, 2.5e-3, 0x1f, 3j, .5, 1.]',
  '{1: "a", b: c}',
  '{1, 2, *s}',
  '{}',
  '[x * y for x in range(3) if x for y, z in pairs if y if z]',
  '{k: v for k, v in d.items()}',
  '{s for s in t}',
  'sum(x for x in xs)',
  '(x for x in xs)',
  '"a" "b" \'c\'',
  'f"{a}" "b"',
  'torch.ops.aten.add(x, other=y, alpha=2)',
  'a.b.c[d](e)[f:g]',
  '-1',
  '2 ** -1',
  'a ** b ** c',
  '(a if b else c)(d)',
  'x[-1][::-1]',
  '[\n  1,\n  2,\n]',
  'f(\n  a,\n)',
  'a, b = c',
  'f(a=1, b)',
  'a +',
  '(a',
  '[1, 2',
  'x[]',
  'lambda x: x',
  'a if b',
  'f(x for x in y, z)',
  'a.1',
  '1 2',
  'not',
  '*a',
];

describe('the expression parser', () => {
  // Skips only where Debian's /usr/bin/python3 (the oracle) is absent, as on a user's machine; .ci/run installs it, so this runs in CI.
  it.skipIf(!existsSync(PYTHON))("builds the same trees as Python's ast and rejects what Python rejects", () => {
    const run = spawnSync(PYTHON, [SCRIPT.pathname], { input: JSON.stringify(EXPRESSIONS), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as unknown[];
    const mismatches: string[] = [];
    EXPRESSIONS.forEach((src, k) => {
      const py = expected[k] as Record<string, unknown>;
      let ours: unknown;
      try {
        ours = strip(Parser.parseExpression(src));
      } catch (error) {
        if (!FrontendError.isInstance(error)) throw error;
        ours = { error: error.reason };
      }
      const bothRejected = 'error' in py && typeof ours === 'object' && ours !== null && 'error' in ours;
      // lambda is Python but not TorchScript.
      if (bothRejected) return;
      if (src === 'lambda x: x' && (ours as { error?: string }).error?.includes('lambda')) return;
      if (JSON.stringify(ours) !== JSON.stringify(py)) {
        mismatches.push(`${src}\n  ours:     ${JSON.stringify(ours)}\n  Python's: ${JSON.stringify(py)}`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  it('gives nodes source ranges', () => {
    const e = Parser.parseExpression('foo(a, b) + 1') as Extract<Expr, { kind: 'BinOp' }>;
    expect(e.range).toEqual({ start: 0, end: 13, line: 1, col: 1 });
    expect(e.left.range).toEqual({ start: 0, end: 9, line: 1, col: 1 });
    expect(e.right.range).toEqual({ start: 12, end: 13, line: 1, col: 13 });
  });

  it('points errors at the offending token', () => {
    try {
      Parser.parseExpression('f(a, b c)', 'm.py');
      expect.unreachable();
    } catch (error) {
      expect(FrontendError.isInstance(error)).toBe(true);
      const e = error as FrontendError;
      expect(e.reason).toBe("expected ')' to close the call but found 'c'");
      expect([e.line, e.column]).toEqual([1, 8]);
      expect(e.message).toContain('m.py:1:8');
    }
  });

  it('gives a FrontendError, not a stack overflow, for 10,000-deep nesting of every kind', () => {
    const n = 10_000;
    const cases = [
      `${'('.repeat(n)}1${')'.repeat(n)}`,
      `${'['.repeat(n)}1${']'.repeat(n)}`,
      `${'f('.repeat(n)}1${')'.repeat(n)}`,
      `x${'[0'.repeat(n)}${']'.repeat(n)}`,
      `${'-'.repeat(n)}1`,
      `${'not '.repeat(n)}x`,
      `${'a ** '.repeat(n)}b`,
      `${'a if b else '.repeat(n)}c`,
    ];
    for (const src of cases) {
      expect(() => Parser.parseExpression(src)).toThrow(/nested too deeply/);
    }
    // Long flat chains are not nesting and parse.
    expect(Parser.parseExpression(Array(n).fill('a').join(' + ')).kind).toBe('BinOp');
    expect(Parser.parseExpression(`x${'.y'.repeat(n)}`).kind).toBe('Attribute');
  });

  it('gives a FrontendError or a tree for random token soup', () => {
    const pieces = [
      'a',
      '1',
      '"s"',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      ',',
      ':',
      '.',
      '+',
      '-',
      '**',
      'not',
      'if',
      'else',
      'for',
      'in',
      'is',
      '*',
      '=',
      'lambda',
      '\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        try {
          Parser.parseExpression(parts.join(' '));
        } catch (error) {
          if (!FrontendError.isInstance(error)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
