import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSchema, SchemaParseError } from '../src/index.js';

const FIXTURE = new URL('./fixtures/schemas-torch-1.13.txt.gz', import.meta.url);
const schemas = gunzipSync(readFileSync(FIXTURE)).toString('utf8').split('\n').filter(Boolean);

// Pieces of the schema language, and some that are not, to splice into real schemas.
const FRAGMENTS = [
  '(',
  ')',
  '[',
  ']',
  ',',
  '?',
  '!',
  '|',
  '*',
  '=',
  ':',
  '.',
  '-',
  '->',
  '...',
  ' ',
  '\n',
  "'",
  '"',
  '\\',
  'Tensor',
  'int',
  'float',
  'str',
  'None',
  'True',
  'Dict(',
  'Future(',
  'Union(',
  '(a!)',
  '(a -> *)',
  '[2]',
  '1e-05',
  '-1',
  '0x1',
  '1.5.2',
  '__torch__.',
  '#',
  '$',
  'é',
  '\u0000',
  '(((',
  ')))',
];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // delete a span
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 })).map(
    ([at, length]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + t.slice(i + length);
      },
  ),
  // insert a fragment or a random character
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 }))).map(
    ([at, piece]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + piece + t.slice(i);
      },
  ),
  // duplicate a span
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })).map(
    ([at, length]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i + length) + t.slice(i);
      },
  ),
  // truncate
  fc.nat().map(
    (at): Mutation =>
      (t) =>
        t.slice(0, at % (t.length + 1)),
  ),
  // swap two characters
  fc.tuple(fc.nat(), fc.nat()).map(
    ([a, b]): Mutation =>
      (t) => {
        if (t.length < 2) return t;
        const [i, j] = [a % t.length, b % t.length].sort((x, y) => x - y);
        return i === j ? t : t.slice(0, i) + t[j] + t.slice(i + 1, j) + t[i] + t.slice(j + 1);
      },
  ),
);

const mutatedSchema = fc
  .tuple(fc.integer({ min: 0, max: schemas.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([index, mutations]) => mutations.reduce((text, mutate) => mutate(text), schemas[index]));

describe('fuzz: mutated real schemas', () => {
  it('give a typed error or a schema that prints to a fixed point, never another exception', () => {
    fc.assert(
      fc.property(mutatedSchema, (text) => {
        let printed: string;
        try {
          printed = parseSchema(text).toString();
        } catch (error) {
          if (!SchemaParseError.isInstance(error)) throw error;
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThanOrEqual(text.length);
          return;
        }
        // Whatever parses prints as text that parses back to the same print.
        expect(parseSchema(printed).toString()).toBe(printed);
      }),
      { numRuns: 10_000 },
    );
  });

  it('gives a typed error or success on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          parseSchema(`aten::f(${text}) -> ()`);
        } catch (error) {
          if (!SchemaParseError.isInstance(error)) throw error;
        }
      }),
      { numRuns: 5_000 },
    );
  });
});
