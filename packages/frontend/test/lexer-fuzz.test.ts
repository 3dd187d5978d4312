import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrontendError } from '../src/errors/frontend-error.js';
import { lexer } from '../src/lexer.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';

const dir = fixturesDir();
const FALLBACK = [
  'def f(x: Tensor, n: int = 2) -> Tensor:\n    for i in range(n):\n        x = x * 2.5e-1 + 0x1f\n    return x\n',
  "class A(object):\n  def g(self, s: str):\n    return f'{s!r:>4} {{}}' + r'\\d' + '''a\n  b'''\n",
];
const SOURCES = dir ? fixtureSources(dir).map((s) => s.text) : FALLBACK;

// Pieces of Python, and some that are not, to splice into real sources.
const FRAGMENTS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  '    ',
  '\\',
  '\\\n',
  '#',
  "'",
  '"',
  "'''",
  '"""',
  'f"{',
  '}',
  'r"',
  'b"',
  '0x',
  '0b2',
  '1_',
  '1e',
  '.5',
  '1.',
  '007',
  'j',
  ':=',
  '->',
  '**=',
  '//=',
  '!',
  '?',
  '$',
  '\x00',
  '\f',
  'é',
  '😀',
  '\u2028',
  'def',
  'if',
  ':',
];

/** Lexes and says how it ended; anything but success or a FrontendError fails the property. */
function outcome(src: string): 'ok' | 'error' {
  try {
    const tokens = lexer(src, 'fuzz.py');
    // Ranges must stay inside the source and in order, whatever the input.
    let last = 0;
    for (const t of tokens) {
      if (t.range.start < last || t.range.end < t.range.start || t.range.end > src.length) {
        throw new Error(`bad range ${JSON.stringify(t.range)} for ${JSON.stringify(t.text)}`);
      }
      last = t.range.start;
    }
    return 'ok';
  } catch (error) {
    if (FrontendError.isInstance(error)) {
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.message).toContain('fuzz.py:');
      expect(error.message).toContain('^');
      return 'error';
    }
    throw error;
  }
}

const mutation = fc.record({
  source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
  edits: fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.integer({ min: 0, max: 12 }),
      insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

describe('lexer fuzzing', () => {
  it('mutated fixture sources lex or give a FrontendError, never another exception', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(mutation, ({ source, edits }) => {
        let src = SOURCES[source] as string;
        for (const { at, remove, insert } of edits) {
          const i = Math.floor(at * src.length);
          src = src.slice(0, i) + insert + src.slice(i + remove);
        }
        seen.add(outcome(src));
      }),
      { numRuns: 3000 },
    );
    // Mutations must reach both outcomes, or the property would test little.
    expect([...seen].sort()).toEqual(['error', 'ok']);
  });

  it('random strings lex or give a FrontendError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.array(fc.constantFrom(...FRAGMENTS)).map((a) => a.join('')),
        ),
        (src) => {
          outcome(src);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('lexes 10,000 nested brackets without exhausting the stack', () => {
    const depth = 10_000;
    const balanced = `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\n`;
    expect(lexer(balanced).length).toBe(2 * depth + 5);
    const unclosed = `x = ${'(['.repeat(depth / 2)}1\n`;
    expect(() => lexer(unclosed)).toThrow(/'\[' was never closed/);
  });

  it('lexes 10,000 nested indentation levels', () => {
    const depth = 10_000;
    let src = '';
    for (let i = 0; i < depth; i++) src += `${' '.repeat(i)}if a:\n`;
    src += `${' '.repeat(depth)}pass\n`;
    const tokens = lexer(src);
    expect(tokens.filter((t) => t.kind === 'indent').length).toBe(depth);
    expect(tokens.filter((t) => t.kind === 'dedent').length).toBe(depth);
  });
});
