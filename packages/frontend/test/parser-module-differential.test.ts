import { describe, expect, it } from 'vitest';
import { FrontendError } from '../src/errors/frontend-error.js';
import { Parser } from '../src/parser.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';
import { firstDifference, pythonAstAvailable, pythonModules, pythonShape } from './support/python-shape.js';

const dir = fixturesDir();
const python = pythonAstAvailable();

// Skips only where Debian's /usr/bin/python3 with torch or ../shared/fixtures/torchscript is absent (a user's clone); CI has both.
describe.skipIf(dir === null || !python)("the module parser agrees with Python's ast on every fixture source", () => {
  it('parses every source.py and every code/**.py of every archive to the same tree, positions included', () => {
    const sources = fixtureSources(dir as string);
    const expected = pythonModules(sources.map((s) => s.text));
    const mismatches: string[] = [];
    let statements = 0;
    sources.forEach(({ name, text }, k) => {
      const py = expected[k];
      if (!Array.isArray(py)) {
        mismatches.push(`${name}: Python rejects it: ${JSON.stringify(py)}`);
        return;
      }
      let ours: unknown;
      try {
        const module = Parser.parseModule(text, name);
        ours = pythonShape(module.body, text);
      } catch (error) {
        if (!FrontendError.isInstance(error)) throw error;
        mismatches.push(`${name}: we reject it: ${error.message}`);
        return;
      }
      const difference = firstDifference(ours, py);
      if (difference) mismatches.push(`${name}: ${difference}`);
      statements += countStatements(py);
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(sources.length).toBeGreaterThan(400);
    expect(statements).toBeGreaterThan(5000);
  });
});

function countStatements(body: unknown[]): number {
  let n = 0;
  for (const s of body as Record<string, unknown>[]) {
    n++;
    for (const key of ['body', 'orelse']) if (Array.isArray(s[key])) n += countStatements(s[key] as unknown[]);
  }
  return n;
}

if (dir === null || !python) {
  it('skips the differential test: ../shared/fixtures/torchscript or /usr/bin/python3 with ast is absent', () => {
    expect(dir === null || !python).toBe(true);
  });
}
