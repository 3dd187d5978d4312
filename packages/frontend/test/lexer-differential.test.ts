import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexer } from '../src/lexer.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../tooling/fixtures/python_tokens.py', import.meta.url);
const dir = fixturesDir();
const available = dir !== null && existsSync(PYTHON);

type PyToken = [string, string, number, number];

// Skips only where Debian's /usr/bin/python3 with torch or ../shared/fixtures/torchscript is absent (a user's clone); CI has both.
describe.skipIf(!available)("the lexer agrees with Python's tokenize on every fixture source", () => {
  it('gives the same kinds, texts and positions', () => {
    const sources = fixtureSources(dir as string);
    const run = spawnSync(PYTHON, [SCRIPT.pathname], {
      input: JSON.stringify(sources.map((s) => s.text)),
      maxBuffer: 1 << 28,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as (PyToken[] | { error: string })[];
    const mismatches: string[] = [];
    let compared = 0;
    sources.forEach(({ name, text }, k) => {
      const py = expected[k];
      if (!Array.isArray(py)) {
        mismatches.push(`${name}: Python rejects it: ${py?.error}`);
        return;
      }
      const ours = lexer(text, name);
      // Python's tokenize gives DEDENT the position of the next token and NEWLINE its '\n' text;
      // positions of layout tokens differ by design, so only their order is compared.
      const simplify = (kind: string, t: string, line: number, col: number) =>
        kind === 'newline' || kind === 'indent' || kind === 'dedent' || kind === 'eof'
          ? kind
          : `${kind === 'keyword' || kind === 'fstring' ? (kind === 'keyword' ? 'name' : 'string') : kind}:${t}@${line}:${col}`;
      const a = ours.map((t) => simplify(t.kind, t.text, t.range.line, t.range.col - 1));
      const b = py.map(([kind, t, line, col]) => simplify(kind, t, line, col));
      compared += b.length;
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (a[i] !== b[i]) {
          mismatches.push(`${name}: token ${i}: ours ${a[i]}, Python's ${b[i]}`);
          break;
        }
      }
    });
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });
});

if (!available) {
  it('skips the differential test: ../shared/fixtures/torchscript or /usr/bin/python3 is absent', () => {
    expect(available).toBe(false);
  });
}

// Whole statements with the literal forms and line structures most likely to go wrong.
const LINES = [
  '(1,\n 2)',
  '[\n\n# c\n]',
  '1 + \\\n  2',
  "'''a\n\tb'''",
  'r"\\\\"',
  "f'{a!r:{b}}'",
  'f"{{}}"',
  '"\\x41\\u1234\\101"',
  '0b_1',
  '0o7_7',
  '1_000.000_1e-1_0j',
  '1.e5',
  '1e-5',
  '00.0e0',
  'a if b else c',
  '{1: 2}',
  '""""""',
  'u"x"',
  'R"x"',
  'Rf"{x}"',
  'x[1:2, ...]',
  '1 .real',
  '0xA',
  '1if a else 2',
  '[0for i in y]',
  '\'a\' "b"',
  'x  # c',
  '\\\n  y',
];

// Skips only where Debian's /usr/bin/python3 with torch or ../shared/fixtures/torchscript is absent (a user's clone); CI has both.
describe.skipIf(!available)('the lexer agrees with Python on fixture sources with lines spliced in', () => {
  it('lexes every variant Python compiles, with the same tokens', () => {
    const base = fixtureSources(dir as string).map((s) => s.text);
    const variants = fc.sample(
      fc.record({
        source: fc.integer({ min: 0, max: base.length - 1 }),
        edits: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...LINES)), {
          minLength: 1,
          maxLength: 3,
        }),
      }),
      1500,
    );
    const sources = variants.map(({ source, edits }) => {
      let s = base[source] as string;
      for (const [at, line] of edits) {
        // Inserted as a statement after a line end, indented like the line it precedes.
        let i = s.indexOf('\n', Math.floor(at * s.length));
        i = i < 0 ? s.length : i + 1;
        const indent = /^[ \t]*/.exec(s.slice(i))?.[0] ?? '';
        s = `${s.slice(0, i)}${indent}x = ${line}\n${s.slice(i)}`;
      }
      return s;
    });
    const run = spawnSync(PYTHON, [SCRIPT.pathname, '--compile'], {
      input: JSON.stringify(sources),
      maxBuffer: 1 << 29,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as (PyToken[] | { rejected: string })[];
    const mismatches: string[] = [];
    let compiled = 0;
    sources.forEach((text, k) => {
      const py = expected[k];
      if (!Array.isArray(py)) return;
      compiled++;
      const key = ([kind, t, line, col]: PyToken) =>
        kind === 'newline' || kind === 'indent' || kind === 'dedent' || kind === 'eof' ? kind : `${t}@${line}:${col}`;
      let ours: string[];
      try {
        ours = lexer(text).map((t) => key([t.kind, t.text, t.range.line, t.range.col - 1]));
      } catch (error) {
        mismatches.push(`${JSON.stringify(text.slice(0, 200))}: ${(error as Error).message}`);
        return;
      }
      const theirs = py.map(key);
      const i = ours.findIndex((t, j) => t !== theirs[j]);
      if (i >= 0 || ours.length !== theirs.length)
        mismatches.push(`token ${i}: ours ${ours[i]}, Python's ${theirs[i]}`);
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Most variants are valid Python, or the comparison would be thin.
    expect(compiled).toBeGreaterThan(500);
  });
});
