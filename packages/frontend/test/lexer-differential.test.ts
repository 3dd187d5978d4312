import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lexer } from '../src/lexer.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../tooling/fixtures/python_tokens.py', import.meta.url);
const dir = fixturesDir();
const available = dir !== null && existsSync(PYTHON);

type PyToken = [string, string, number, number];

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
