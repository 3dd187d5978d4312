import { TensorType } from '@tsjit/ir';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ArchiveCode, fixtureArchives } from '../../test/support/archive-code.js';
import { describingValues, RecordingUnit } from '../../test/support/fake-import-unit.js';
import { FrontendError } from '../errors/frontend-error.js';
import { fixturesDir } from '../testing/fixture-sources.js';
import { importArchiveCode } from './import-archive-code.js';
import { SourceImporter } from './source-importer.js';

const dir = fixturesDir();
const FALLBACK: ArchiveCode[] = [
  {
    name: 'builtin',
    path: '',
    version: 3,
    size: 0,
    files: new Map([
      [
        '__torch__/m.py',
        'class M(Module):\n  __parameters__ = ["w", ]\n  __buffers__ = []\n  w : Tensor\n  training : bool\n  k : Final[int] = 3\n  __annotations__["0"] = __torch__.m.P\n  def forward(self: __torch__.m.M, x: Tensor) -> Tensor:\n    return x\nclass P(NamedTuple):\n  a : int\nclass E(Enum):\n  A = 1\nclass I(Interface):\n  def f(self, x: int) -> int:\n    pass\ndef g(x: int=1) -> int:\n  return x\n',
      ],
    ]),
  },
];
const ARCHIVES = dir ? fixtureArchives(dir) : FALLBACK;

// Words archive code is made of, and some it is not, to swap in for the words of real files.
const WORDS = [
  'Tensor',
  'int',
  'float',
  'Optional',
  'List',
  'Dict',
  'Tuple',
  'Union',
  'Final',
  'NoneType',
  'Module',
  'NamedTuple',
  'Enum',
  'Interface',
  'ModuleInterface',
  '__parameters__',
  '__buffers__',
  '__annotations__',
  '__forward_hooks__',
  '__torch__',
  '__torch__.torch.classes.quantized.LinearPackedParamsBase',
  '__torch__.nope.X',
  'self',
  'def',
  'class',
  'pass',
  'return',
  '0',
  '-1',
  '1.5',
  '"s"',
  'None',
  'True',
  '[]',
  '()',
  '[1, "a"]',
  'inf',
  'x.y',
  '3j',
  '@',
];

type Mutation =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'word'; at: number; word: string }
  | { kind: 'indent'; line: number; by: number };

function mutate(source: string, m: Mutation): string {
  const lines = source.split('\n');
  const pick = (i: number) => i % Math.max(1, lines.length);
  switch (m.kind) {
    case 'delete':
      lines.splice(pick(m.line), 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(pick(m.line), 0, lines[pick(m.line)] as string);
      return lines.join('\n');
    case 'swap': {
      const [a, b] = [pick(m.a), pick(m.b)];
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      return lines.join('\n');
    }
    case 'indent': {
      const i = pick(m.line);
      lines[i] = m.by > 0 ? `${' '.repeat(m.by)}${lines[i]}` : (lines[i] as string).replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
    case 'word': {
      const words = [...source.matchAll(/[A-Za-z_][A-Za-z_0-9.]*|"[^"\n]*"|[0-9.]+/g)];
      if (words.length === 0) return source;
      const w = words[m.at % words.length] as RegExpMatchArray;
      const at = w.index ?? 0;
      return source.slice(0, at) + m.word + source.slice(at + w[0].length);
    }
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -1, max: 4 }) }),
  fc.record({ kind: fc.constant('word' as const), at: fc.nat(), word: fc.constantFrom(...WORDS) }),
);

/** Imports every declaration of the archive; anything but success or a FrontendError fails the property. */
function importOutcome(files: Map<string, string>): 'ok' | 'error' {
  const importer = new SourceImporter(new RecordingUnit(), files, describingValues, {
    constants: () => ({ type: TensorType.get() }),
    constantCount: 1,
  });
  try {
    importer.importAll();
    return 'ok';
  } catch (error) {
    if (FrontendError.isInstance(error)) {
      expect((error as FrontendError).line).toBeGreaterThanOrEqual(1);
      expect((error as FrontendError).message).toContain('code/__torch__/');
      return 'error';
    }
    throw error;
  }
}

describe('importing mutated archive code', () => {
  it('declares or rejects with a FrontendError, never anything else', () => {
    const outcomes = { ok: 0, error: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: ARCHIVES.length - 1 }),
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (archiveIndex, fileIndex, mutations) => {
          const archive = ARCHIVES[archiveIndex] as ArchiveCode;
          const paths = [...archive.files.keys()];
          const path = paths[fileIndex % paths.length] as string;
          const files = new Map(archive.files);
          files.set(path, mutations.reduce(mutate, files.get(path) as string));
          outcomes[importOutcome(files)]++;
        },
      ),
      { numRuns: 2000, seed: 4 },
    );
    // The mutations must reach both outcomes for the property to mean something.
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.error).toBeGreaterThan(100);
  });
});

/**
 * Compiles the functions and methods of the mutated file (and what they call); anything but
 * success or a FrontendError fails the property.
 */
function compileOutcome(files: Map<string, string>, path: string): 'ok' | 'error' {
  const qualifier = path.slice(0, -3).replace(/\//g, '.');
  try {
    const { importer } = importArchiveCode(files, { constants: () => ({ type: TensorType.get() }), constantCount: 1 });
    importer.importAll();
    for (const fn of importer.definedFunctions()) {
      if (fn.qualifiedName.startsWith(`${qualifier}.`)) fn.graph();
    }
    return 'ok';
  } catch (error) {
    if (FrontendError.isInstance(error)) return 'error';
    throw error;
  }
}

describe('compiling mutated archive code', () => {
  it('compiles or rejects with a FrontendError, never anything else', () => {
    const outcomes = { ok: 0, error: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: ARCHIVES.length - 1 }),
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (archiveIndex, fileIndex, mutations) => {
          const archive = ARCHIVES[archiveIndex] as ArchiveCode;
          const paths = [...archive.files.keys()];
          const path = paths[fileIndex % paths.length] as string;
          const files = new Map(archive.files);
          files.set(path, mutations.reduce(mutate, files.get(path) as string));
          outcomes[compileOutcome(files, path)]++;
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
    expect(outcomes.ok).toBeGreaterThan(50);
    expect(outcomes.error).toBeGreaterThan(50);
  });
});
