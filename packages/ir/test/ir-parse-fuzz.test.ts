import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IRParseError, lint, parseIR } from '../src/index.js';

const DIR = join(import.meta.dirname, 'fixtures', 'graphs');
const TEXTS = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(DIR, f), 'utf8'));

// Pieces of the IR format, and some that are not, to splice into real graphs.
const FRAGMENTS = [
  '%',
  '%1',
  '%x',
  '%x.1',
  ' : ',
  ':',
  ' = ',
  '=',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<Tensor>',
  ',',
  '?',
  '[]',
  '->',
  '-> ()',
  '\n',
  '  ',
  '#',
  ' # f.py:1:2',
  '"',
  "'",
  '\\',
  'block0():\n',
  'block1(%i : int):\n',
  'prim::If',
  'aten::add',
  '[value=1]',
  '[value=1.5-2.j]',
  'Tensor',
  'int[]',
  'Dict(',
  'NamedTuple(',
  'Union(',
  '__torch__.',
  'return (',
  'with prim::fork_0 = ',
  'graph(',
  'True',
  'None',
  'inf',
  '1e+400',
  '99999999999999999999',
  'é',
  '\u0000',
  'annotate(List[int], ',
  'annotate(Dict[str, Optional[int]],',
  '{"a": 1}',
  '[<Tensors>]',
  '((((',
  '[[[[',
];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })).map(
    ([at, length]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + t.slice(i + length);
      },
  ),
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 }))).map(
    ([at, piece]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + piece + t.slice(i);
      },
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(
    ([at, length]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + t.slice(i, i + length) + t.slice(i);
      },
  ),
  // swap two lines
  fc.tuple(fc.nat(), fc.nat()).map(
    ([a, b]): Mutation =>
      (t) => {
        const lines = t.split('\n');
        const i = a % lines.length;
        const j = b % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        return lines.join('\n');
      },
  ),
);

function parseOrTypedError(text: string): void {
  let graph: ReturnType<typeof parseIR>;
  try {
    graph = parseIR(text);
  } catch (error) {
    if (!IRParseError.isInstance(error)) throw error;
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(text.length);
    return;
  }
  // What parses is a well-formed graph that prints and parses back to the same text.
  lint(graph);
  const printed = graph.toString();
  expect(parseIR(printed).toString()).toBe(printed);
}

describe('parseIR on mutated PyTorch graphs (fast-check)', () => {
  it('gives an IRParseError or a well-formed graph, never another exception', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
        parseOrTypedError(mutations.reduce((t, m) => m(t), text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives an IRParseError or a graph for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => parseOrTypedError(`graph(${text}`)),
      { numRuns: 1000 },
    );
  });

  it('rejects very deep nesting with an IRParseError, not a stack overflow', () => {
    const depth = 10_000;
    const tuple = `graph(%x : ${'('.repeat(depth)}int${')'.repeat(depth)}):\n  return ()\n`;
    expect(() => parseIR(tuple)).toThrow(IRParseError);
    const list = `graph():\n  %0 : int = prim::Constant[value=${'['.repeat(depth)}]()\n  return ()\n`;
    expect(() => parseIR(list)).toThrow(IRParseError);
    let blocks = '';
    for (let i = 0; i < 500; i++) blocks += `${'  '.repeat(i + 1)} = prim::If(%c)\n${'  '.repeat(i + 2)}block0():\n`;
    expect(() => parseIR(`graph(%c : bool):\n${blocks}`)).toThrow(/nesting deeper than/);
  });
});
