import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '@tsjit/ir';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { importArchiveCode } from '../src/importer/import-archive-code.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';
import { HangWatchdog } from '../src/testing/hang-watchdog.js';
import { FAULT_KINDS, type GeneratedProgram, programArbitrary } from '../src/testing/program-arbitrary.js';
import { SYNTACTIC_MUTATIONS, sourceMutationArbitrary, TYPING_MUTATIONS } from '../src/testing/source-mutation.js';
import { type ArchiveCode, fixtureArchives } from './support/archive-code.js';

/**
 * Issue 4's fuzzing acceptance: 10,000 cases, each of which must compile (every graph linting) or
 * be rejected with a FrontendError, never another exception and never a hang; and nesting 10,000
 * deep gives a FrontendError, not a stack overflow.
 *
 * The 10,000 cases, by property (numRuns):
 *   (a) well-typed generated programs, PyTorch's Python-frontend dialect     1,500
 *       well-typed generated programs, PyTorch's CompilationUnit dialect     1,500
 *       (PyTorch 1.13 compiles every one of a sample: generated-programs-differential.test.ts)
 *   (b) generated programs with one injected type error                       2,400
 *       syntactic and typing mutations of generated programs                  1,500
 *       mutations of the fixtures' source.py files                            1,200
 *       mutations of the fixtures' archive code files (compiled with the rest
 *       of their archive)                                                        800
 *   (c) nesting 10,000 deep: 18 kinds of expression nesting and 6 of statement
 *       nesting (FrontendError), 15 flat chains 10,000 long that are as deep in
 *       the syntax tree (compiled or FrontendError), random mixtures (the rest)  100
 *                                                                             ------
 *                                                                             10,000
 * (Without ../shared/fixtures/torchscript, the archive mutations are skipped and the source
 * mutations use two built-in sources.) The counts are tuned so that the file takes about 20 s of
 * CPU (35 s on the two shared cores under load); most of it is (a) and (b), about 2 ms a case.
 *
 * Hangs: every input is bounded (generated programs by the generator's limits, mutations by their
 * source plus a few tokens: MAX_SOURCE characters), so a case that runs past CASE_DEADLINE_MS, a
 * thousand times the usual few milliseconds, is a hang or a super-linear blow-up and fails with its
 * source. A case that never returns cannot be interrupted from its own thread: a watchdog thread
 * (HangWatchdog) sees the case counter stop, writes the case's source to stderr and a file, and
 * ends the process.
 */
const CASE_DEADLINE_MS = 20_000;
const WATCHDOG_MS = 120_000;
const MAX_SOURCE = 400_000;
const NUM_RUNS = {
  wellTypedPython: 1500,
  wellTypedCu: 1500,
  illTyped: 2400,
  mutatedGenerated: 1500,
  mutatedFixtureSource: 1200,
  mutatedArchiveCode: 800,
  nesting: 100,
};

/**
 * A failing case is shrunk through at most this many candidates (each one a compilation), so that
 * a failure is reported in seconds, not minutes; the counterexample is smaller but not minimal.
 */
const MAX_SHRINKS = 400;
const bounded = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.limitShrink(arbitrary, MAX_SHRINKS);

const dir = fixturesDir();
const FALLBACK_SOURCES = [
  'def f(x: Tensor, n: int = 2) -> Tensor:\n    for i in range(n):\n        x = x * 2.5e-1 + 0x1f\n    return x\n',
  'def g(xs: List[int], d: Dict[str, int]) -> Tuple[int, Optional[str]]:\n    t = 0\n    for k, v in d.items():\n        if k in d and v > 1:\n            t += v\n        elif t < 0:\n            return t, None\n    return t + sum(xs), f"{t}"\n',
];
const SOURCES = dir
  ? fixtureSources(dir)
      .filter((s) => s.name.endsWith('/source.py'))
      .map((s) => s.text)
  : FALLBACK_SOURCES;
// Small archives: each case compiles its whole archive.
const ARCHIVES: ArchiveCode[] = dir ? fixtureArchives(dir).filter((a) => a.size < 12_000 && a.files.size > 0) : [];

// ---------------------------------------------------------------------------------------------
// Hang detection

let watchdog: HangWatchdog | undefined;

beforeAll(() => {
  watchdog = new HangWatchdog({
    limitMs: WATCHDOG_MS,
    file: join(tmpdir(), 'tsjit-compile-fuzz-hang.py'),
    maxInput: MAX_SOURCE,
    label: 'compile-fuzz',
  });
});

afterAll(async () => {
  await watchdog?.stop();
});

// ---------------------------------------------------------------------------------------------
// Outcomes

type Outcome = { kind: 'compiled'; graphs: number } | { kind: 'rejected'; error: FrontendError };

/**
 * Runs `compile` on `source` under the deadline; anything but success or a FrontendError (whose
 * location must lie in the source) fails with the source.
 */
function outcomeOf(source: string, compile: () => number, maxSource = MAX_SOURCE): Outcome {
  expect(source.length).toBeLessThanOrEqual(maxSource);
  const start = performance.now();
  const outcome = (watchdog as HangWatchdog).run(source, (): Outcome => {
    try {
      return { kind: 'compiled', graphs: compile() };
    } catch (e) {
      if (!FrontendError.isInstance(e)) {
        throw new Error(`not a FrontendError: ${(e as Error)?.stack ?? e}\nfor the source:\n${source}`);
      }
      return { kind: 'rejected', error: e as FrontendError };
    }
  });
  const elapsed = performance.now() - start;
  if (elapsed > CASE_DEADLINE_MS) {
    throw new Error(`a case took ${(elapsed / 1000).toFixed(1)} s (a hang or a blow-up) for the source:\n${source}`);
  }
  if (outcome.kind === 'rejected') {
    expect(outcome.error.line, outcome.error.message).toBeGreaterThanOrEqual(1);
    expect(outcome.error.message).toContain('^');
  }
  return outcome;
}

/** Compiles a source as one unit and lints every graph; the number of graphs. */
function compileSource(source: string): number {
  const unit = new CompilationUnit({ file: 'fuzz.py' });
  unit.define(source, { file: 'fuzz.py', prefix: '' });
  unit.compileAll();
  for (const fn of unit.functions) lint(fn.graph());
  return unit.functions.length;
}

/** Compiles every function and method of an archive's code files, one of them mutated. */
function compileArchive(files: Map<string, string>, version: number | undefined): number {
  const { importer } = importArchiveCode(files, { version });
  importer.importAll();
  let graphs = 0;
  for (const fn of importer.definedFunctions()) {
    lint(fn.graph());
    graphs++;
  }
  return graphs;
}

/** Tallies of a property's outcomes, so that each property shows it reached both. */
class Tally {
  compiled = 0;
  rejected = 0;
  add(o: Outcome): void {
    if (o.kind === 'compiled') this.compiled++;
    else this.rejected++;
  }
}

function describeProgram(p: GeneratedProgram): string {
  return p.fault ? `${p.fault.kind} at line ${p.fault.line}: ${p.fault.description}` : 'well-typed';
}

// ---------------------------------------------------------------------------------------------
// (a) well-typed programs

describe('(a) well-typed generated programs compile and every graph lints', () => {
  for (const dialect of ['python', 'cu'] as const) {
    const numRuns = dialect === 'python' ? NUM_RUNS.wellTypedPython : NUM_RUNS.wellTypedCu;
    it(`${numRuns} programs in the ${dialect} dialect`, () => {
      let graphs = 0;
      fc.assert(
        fc.property(bounded(programArbitrary({ dialect })), (program) => {
          const outcome = outcomeOf(program.source, () => compileSource(program.source));
          if (outcome.kind === 'rejected') {
            throw new Error(`a well-typed program was rejected: ${outcome.error.message}\n${program.source}`);
          }
          expect(outcome.graphs).toBe(program.functions.length);
          graphs += outcome.graphs;
        }),
        { numRuns },
      );
      expect(graphs).toBeGreaterThanOrEqual(numRuns);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// (b) ill-typed programs and mutations

describe('(b) ill-typed programs and mutated sources compile or give a FrontendError', () => {
  it(`${NUM_RUNS.illTyped} generated programs with one type error`, () => {
    const tally = new Tally();
    const byFault = new Map<string, number>();
    fc.assert(
      fc.property(bounded(programArbitrary({ fault: 'any' })), (program) => {
        tally.add(outcomeOf(program.source, () => compileSource(program.source)));
        const kind = program.fault?.kind ?? 'none';
        byFault.set(kind, (byFault.get(kind) ?? 0) + 1);
        expect(program.fault, describeProgram(program)).not.toBeNull();
      }),
      { numRuns: NUM_RUNS.illTyped },
    );
    // Some faults are in dead code (PyTorch does not emit `if False:` blocks), so a few compile.
    expect(tally.rejected).toBeGreaterThan(tally.compiled);
    expect([...byFault.keys()].sort()).toEqual([...FAULT_KINDS].sort());
  });

  it(`${NUM_RUNS.mutatedGenerated} mutations of generated programs`, () => {
    const tally = new Tally();
    const arbitrary = programArbitrary().chain((program) => sourceMutationArbitrary([program.source]));
    fc.assert(
      fc.property(bounded(arbitrary), (m) => {
        tally.add(outcomeOf(m.source, () => compileSource(m.source)));
      }),
      { numRuns: NUM_RUNS.mutatedGenerated },
    );
    expect(tally.compiled).toBeGreaterThan(0);
    expect(tally.rejected).toBeGreaterThan(0);
  });

  it(`${NUM_RUNS.mutatedFixtureSource} mutations of the fixture sources${dir ? '' : ' (fixtures absent: of built-in sources)'}`, () => {
    const tally = new Tally();
    for (const kinds of [SYNTACTIC_MUTATIONS, TYPING_MUTATIONS]) {
      fc.assert(
        fc.property(bounded(sourceMutationArbitrary(SOURCES, { kinds })), (m) => {
          tally.add(outcomeOf(m.source, () => compileSource(m.source)));
        }),
        { numRuns: NUM_RUNS.mutatedFixtureSource / 2 },
      );
    }
    expect(tally.compiled).toBeGreaterThan(0);
    expect(tally.rejected).toBeGreaterThan(0);
  });

  // Skips only where ../shared/fixtures/torchscript is absent (a user's clone has no ../shared); CI has the fixtures, so this runs there.
  it.skipIf(ARCHIVES.length === 0)(
    `${NUM_RUNS.mutatedArchiveCode} mutations of fixture archives' code files${dir ? '' : ' (skipped: ../shared/fixtures/torchscript is absent)'}`,
    () => {
      const tally = new Tally();
      const arbitrary = fc.nat({ max: ARCHIVES.length - 1 }).chain((a) => {
        const archive = ARCHIVES[a] as ArchiveCode;
        return fc.tuple(fc.constant(archive), sourceMutationArbitrary([...archive.files.values()]));
      });
      fc.assert(
        fc.property(bounded(arbitrary), ([archive, m]) => {
          const path = [...archive.files.keys()][m.origin] as string;
          const files = new Map(archive.files);
          files.set(path, m.source);
          tally.add(outcomeOf(m.source, () => compileArchive(files, archive.version)));
        }),
        { numRuns: NUM_RUNS.mutatedArchiveCode },
      );
      expect(tally.compiled).toBeGreaterThan(0);
      expect(tally.rejected).toBeGreaterThan(0);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// (c) nesting 10,000 deep

const DEPTH = 10_000;

/** Wraps `inner` in one level of a kind of expression nesting. */
const EXPRESSION_NESTINGS: Record<string, (inner: string) => string> = {
  parentheses: (e) => `(${e})`,
  'unary minus': (e) => `-${e}`,
  'unary plus': (e) => `+ ${e}`,
  invert: (e) => `~${e}`,
  not: (e) => `not ${e}`,
  power: (e) => `2 ** ${e}`,
  call: (e) => `g(${e})`,
  'keyword argument': (e) => `g(a=${e})`,
  subscript: (e) => `xs[${e}]`,
  list: (e) => `[${e}]`,
  tuple: (e) => `(${e},)`,
  dict: (e) => `{1: ${e}}`,
  set: (e) => `{${e}}`,
  ternary: (e) => `1 if c else ${e}`,
  'ternary condition': (e) => `1 if (${e}) else 2`,
  lambda: (e) => `lambda: ${e}`,
  'list comprehension': (e) => `[${e} for i in xs]`,
  slice: (e) => `xs[1:${e}]`,
};

/** `inner` wrapped `depth` times, built iteratively (a recursive builder would itself overflow). */
function nest(wrap: (inner: string) => string, depth: number, leaf = '1'): string {
  const [open, close] = wrap('\u0000').split('\u0000') as [string, string];
  return open.repeat(depth) + leaf + close.repeat(depth);
}

const FUNCTION_HEADER = 'def f(x: int, xs: List[int], c: bool) -> int:\n';

function expressionProgram(expr: string): string {
  return `def g(a: int) -> int:\n    return a\n\n${FUNCTION_HEADER}    y = ${expr}\n    return x\n`;
}

/** Statement nesting: `depth` compound statements each inside the last. */
function statementProgram(header: (i: number) => string, depth: number): string {
  const lines = [FUNCTION_HEADER.trimEnd()];
  for (let i = 0; i < depth; i++) {
    for (const line of header(i).split('\n')) lines.push(`${' '.repeat(i + 1)}${line}`);
  }
  lines.push(`${' '.repeat(depth + 1)}x = x + 1`);
  lines.push(' return x');
  return `${lines.join('\n')}\n`;
}

const STATEMENT_NESTINGS: Record<string, (i: number) => string> = {
  if: () => 'if c:',
  else: () => 'if c:\n pass\nelse:',
  for: (i) => `for i${i} in range(x):`,
  while: () => 'while c:',
  with: () => 'with torch.no_grad():',
  def: (i) => `def h${i}(a: int) -> int:`,
};

function expectRejected(outcome: Outcome, source: string): FrontendError {
  if (outcome.kind !== 'rejected') throw new Error(`compiled although nested ${DEPTH} deep:\n${source.slice(0, 300)}`);
  return outcome.error;
}

describe(`(c) nesting ${DEPTH.toLocaleString('en')} deep gives a FrontendError, not a stack overflow`, () => {
  let cases = 0;

  for (const [name, wrap] of Object.entries(EXPRESSION_NESTINGS)) {
    it(`expression: ${name}`, () => {
      cases++;
      const source = expressionProgram(nest(wrap, DEPTH));
      const error = expectRejected(
        outcomeOf(source, () => compileSource(source)),
        source,
      );
      expect(error.reason).toMatch(name === 'lambda' ? /lambda/ : /nested too deeply|too many/);
    });
  }

  // Statement nesting is indentation: text with 10,000 indentation levels (each one space more).
  for (const [name, header] of Object.entries(STATEMENT_NESTINGS)) {
    it(`statement: ${name}`, () => {
      cases++;
      const source = statementProgram(header, DEPTH);
      // The text is quadratic in the depth (about 50 MB): a fixed input, not a random one.
      const error = expectRejected(
        outcomeOf(source, () => compileSource(source), source.length),
        source,
      );
      expect(error.reason).toMatch(/nested too deeply|too many|indent/);
    });
  }

  // Long flat chains are not nested in the source but are 10,000 deep in the syntax tree
  // (left-associative operators, elif chains, attribute and call chains): compiled or rejected, no overflow.
  const CHAINS: Record<string, string> = {
    'sum chain': expressionProgram(Array(DEPTH).fill('x').join(' + ')),
    'subtraction chain': expressionProgram(Array(DEPTH).fill('x').join(' - ')),
    'multiplication chain': expressionProgram(Array(DEPTH).fill('1').join(' * ')),
    'and chain': expressionProgram(Array(DEPTH).fill('c').join(' and ')),
    'or chain': expressionProgram(Array(DEPTH).fill('c').join(' or ')),
    'comparison chain': expressionProgram(Array(DEPTH).fill('x').join(' < ')),
    'string concatenation': expressionProgram(Array(DEPTH).fill("'a'").join(' ')),
    'subscript chain': expressionProgram(`xs${'[0]'.repeat(DEPTH)}`),
    'call chain': expressionProgram(`g${'(1)'.repeat(DEPTH)}`),
    'attribute chain': expressionProgram(`x${'.real'.repeat(DEPTH)}`),
    'method chain': expressionProgram(`'a'${'.upper()'.repeat(DEPTH)}`),
    'elif chain': `${FUNCTION_HEADER}    if x == 0:\n        x = 1\n${Array.from({ length: DEPTH }, (_, i) => `    elif x == ${i + 1}:\n        x = ${i}\n`).join('')}    return x\n`,
    'statements in sequence': `${FUNCTION_HEADER}${'    x = x + 1\n'.repeat(DEPTH)}    return x\n`,
    'augmented assignments': `${FUNCTION_HEADER}${'    x += 1\n'.repeat(DEPTH)}    return x\n`,
    'functions calling the previous one': Array.from(
      { length: 2000 },
      (_, i) => `def h${i}(a: int) -> int:\n    return ${i === 0 ? 'a' : `h${i - 1}(a) + 1`}\n`,
    ).join('\n'),
  };
  for (const [name, source] of Object.entries(CHAINS)) {
    it(`flat but deep: ${name} (compiles or FrontendError)`, () => {
      cases++;
      outcomeOf(source, () => compileSource(source));
    });
  }

  const mixRuns =
    NUM_RUNS.nesting -
    Object.keys(EXPRESSION_NESTINGS).length -
    Object.keys(STATEMENT_NESTINGS).length -
    Object.keys(CHAINS).length;
  it(`${mixRuns} random mixtures of expression nestings`, () => {
    const kinds = Object.values(EXPRESSION_NESTINGS);
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: kinds.length - 1 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: DEPTH, max: DEPTH + 100 }),
        (pattern, depth) => {
          cases++;
          // The pattern repeats up to `depth` levels; built from the inside out, iteratively.
          let open = '';
          let close = '';
          for (let i = 0; i < depth; i++) {
            const [o, c] = (kinds[pattern[i % pattern.length] as number] as (e: string) => string)('\u0000').split(
              '\u0000',
            );
            open += o;
            close = c + close;
          }
          const source = expressionProgram(`${open}1${close}`);
          expectRejected(
            outcomeOf(source, () => compileSource(source)),
            source,
          );
        },
      ),
      { numRuns: mixRuns },
    );
  });

  // Last in the block (tests of a file run in order): the block's share of the 10,000.
  it(`ran ${NUM_RUNS.nesting} nesting cases`, () => {
    expect(cases).toBe(NUM_RUNS.nesting);
  });
});
