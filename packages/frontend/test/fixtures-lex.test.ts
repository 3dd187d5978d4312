import { describe, expect, it } from 'vitest';
import { lexer } from '../src/lexer.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';

const dir = fixturesDir();

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone has no ../shared); CI has the fixtures, so this runs there.
describe.skipIf(dir === null)('lexing the TorchScript fixtures (../shared/fixtures/torchscript)', () => {
  const sources = dir ? fixtureSources(dir) : [];

  it('finds both archive code files and source files', () => {
    expect(sources.filter((s) => s.name.includes('model.pt!')).length).toBeGreaterThan(10);
    expect(sources.filter((s) => s.name.endsWith('/source.py')).length).toBeGreaterThan(10);
  });

  it('lexes every code/**.py of every archive and every source.py without error', () => {
    const failures: string[] = [];
    let tokens = 0;
    for (const { name, text } of sources) {
      try {
        const out = lexer(text, name);
        tokens += out.length;
        const indents = out.filter((t) => t.kind === 'indent').length;
        const dedents = out.filter((t) => t.kind === 'dedent').length;
        if (indents !== dedents) failures.push(`${name}: ${indents} indents but ${dedents} dedents`);
        if (out[out.length - 1]?.kind !== 'eof') failures.push(`${name}: does not end with eof`);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(tokens).toBeGreaterThan(1000);
  });
});

if (dir === null) {
  it('skips the fixture lexing: ../shared/fixtures/torchscript is absent', () => {
    console.warn('frontend: ../shared/fixtures/torchscript not found; fixture lexing skipped');
    expect(dir).toBeNull();
  });
}
