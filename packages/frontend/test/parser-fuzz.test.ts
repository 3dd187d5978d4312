import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Module } from '../src/ast.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { Parser } from '../src/parser.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';
import {
  firstDifference,
  pythonAstAvailable,
  pythonModules,
  pythonShape,
  withoutTypeComments,
} from './support/python-shape.js';

const dir = fixturesDir();
const python = pythonAstAvailable();
const FALLBACK = [
  'class M(torch.nn.Module):\n  training : bool\n  def forward(self, x: Tensor, n: int = 2) -> Tensor:\n    for i in range(n):\n      if i == 0:\n        x = x * 2.0\n      elif i > 3:\n        break\n      else:\n        x += 1\n    return x\n',
  'def f(a: List[int]) -> int:\n    s = 0\n    while s < 10:\n        s, t = s + 1, s\n    with torch.no_grad():\n        assert s > 0, "positive"\n    return s\n',
];
const SOURCES = dir ? fixtureSources(dir).map((s) => s.text) : FALLBACK;

/** Parses and says how it ended; anything but a Module or a FrontendError fails the property. */
function outcome(src: string): 'ok' | 'error' {
  let module: Module;
  try {
    module = Parser.parseModule(src, 'fuzz.py');
  } catch (error) {
    if (!FrontendError.isInstance(error)) throw error;
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.offset).toBeLessThanOrEqual(src.length);
    expect(error.message).toContain('fuzz.py:');
    expect(error.message).toContain('^');
    return 'error';
  }
  // Every range lies inside the source, and statements of a body follow one another.
  const check = (value: unknown): void => {
    if (Array.isArray(value)) {
      let last = -1;
      for (const item of value) {
        const r = (item as { range?: { start: number } })?.range;
        if (r && typeof (item as { kind?: unknown }).kind === 'string' && r.start < last) {
          throw new Error(`statements out of order at ${r.start}`);
        }
        if (r) last = r.start;
        check(item);
      }
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    const r = node.range as { start: number; end: number } | undefined;
    if (r && (r.start < 0 || r.end < r.start || r.end > src.length)) throw new Error(`bad range ${JSON.stringify(r)}`);
    for (const [k, v] of Object.entries(node)) if (k !== 'range') check(v);
  };
  check(module.body);
  return 'ok';
}

// Generated programs: valid TorchScript-shaped Python, rendered with a random indentation unit.
const EXPRESSIONS = [
  'x',
  '1',
  '2.5',
  '"s"',
  'None',
  'x + y * 2',
  'f(a, b=2, *c, **d)',
  'torch.zeros([2, 3], dtype=torch.float)',
  'x[0]',
  'x[1:, ::2]',
  '(1, 2)',
  '[i * 2 for i in range(3) if i]',
  '{"a": 1}',
  'a if b else c',
  'not x and y or z',
  'x is not None',
  '-x ** 2',
  'f"{x!r}"',
  'self.layer(x)',
  '(\n    x\n)',
];
const TARGETS = ['x', 'a, b', '(a, b)', '[a, *rest]', 'x[i]', 'self.y', 'a, (b, c)', 'x[0].y'];
const AUG = ['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '<<=', '>>=', '&=', '|=', '^='];

const expr = fc.constantFrom(...EXPRESSIONS);
const target = fc.constantFrom(...TARGETS);
const simple: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(target, expr).map(([t, e]) => `${t} = ${e}`),
  fc.tuple(target, target, expr).map(([t, u, e]) => `${t} = ${u} = ${e}`),
  fc.tuple(fc.constantFrom('x', 'x[0]', 'self.n'), fc.constantFrom(...AUG), expr).map(([t, o, e]) => `${t} ${o} ${e}`),
  fc
    .tuple(fc.constantFrom('x', 'self.w'), fc.constantFrom('int', 'List[int]', 'Optional[Tensor]'), fc.option(expr))
    .map(([t, a, e]) => (e === null ? `${t} : ${a}` : `${t}: ${a} = ${e}`)),
  fc.option(expr).map((e) => (e === null ? 'return' : `return ${e}`)),
  fc.constantFrom(
    'pass',
    'break',
    'continue',
    'del x, y[0]',
    'raise',
    'raise ValueError("v") from e',
    'assert x, "message"',
    'import torch.nn as nn',
    'from .m import (a, b as c,)',
    'global g',
    '"""doc"""',
  ),
  expr,
);

interface Gen {
  header: string | null;
  text: string;
  body: Gen[];
  tails: { header: string; body: Gen[] }[];
  oneLine: boolean;
}
const HEADERS = [
  'if x:',
  'while x < 3:',
  'for i in range(3):',
  'for a, b in zip(x, y):',
  'with torch.no_grad():',
  'with a as b, c as (d, e):',
  'def f(self, x: Tensor, n: int = 1, *args, k: bool = False, **kw) -> Tensor:',
  'def g(a, /, b):',
  'class A(torch.nn.Module):',
  '@torch.jit.export\ndef h(self):',
];
const TAILS: Record<string, string[]> = {
  'if x:': ['elif y:', 'else:'],
  'while x < 3:': ['else:'],
  'for i in range(3):': ['else:'],
  'for a, b in zip(x, y):': ['else:'],
};

const program = fc.letrec<{ stmt: Gen; block: Gen[] }>((tie) => ({
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(simple, { minLength: 1, maxLength: 3 }).map((parts) => ({
      header: null,
      text: parts.join('; '),
      body: [],
      tails: [],
      oneLine: false,
    })),
    fc
      .tuple(fc.constantFrom(...HEADERS), tie('block'), fc.boolean(), fc.array(fc.nat(1), { maxLength: 2 }))
      .chain(([header, body, oneLine, tailPicks]) =>
        fc.tuple(...tailPicks.map(() => tie('block') as fc.Arbitrary<Gen[]>)).map((tailBodies) => {
          const choices = TAILS[header] ?? [];
          const tails: { header: string; body: Gen[] }[] = [];
          tailBodies.forEach((b, k) => {
            const wanted = choices[Math.min(tailPicks[k] as number, choices.length - 1)];
            if (wanted === undefined || tails.some((t) => t.header === 'else:')) return;
            tails.push({ header: wanted, body: b });
          });
          return { header, text: '', body, tails, oneLine } as Gen;
        }),
      ),
  ) as fc.Arbitrary<Gen>,
  block: fc.array(tie('stmt'), { minLength: 1, maxLength: 3 }) as fc.Arbitrary<Gen[]>,
}));

function render(block: Gen[], unit: string, depth = 0): string {
  const pad = unit.repeat(depth);
  let out = '';
  const clause = (header: string, body: Gen[], oneLine: boolean) => {
    const lines = header.split('\n');
    out += lines.map((l) => `${pad}${l}`).join('\n');
    if (oneLine && body.every((s) => s.header === null)) out += ` ${body.map((s) => s.text).join('; ')}\n`;
    else out += `\n${render(body, unit, depth + 1)}`;
  };
  for (const s of block) {
    if (s.header === null) {
      out += `${pad}${s.text}\n`;
      continue;
    }
    clause(s.header, s.body, s.oneLine);
    for (const t of s.tails) clause(t.header, t.body, s.oneLine);
  }
  return out;
}

const generated = fc
  .tuple(program.block, fc.constantFrom(' ', '  ', '    ', '\t'))
  .map(([block, unit]) => render(block, unit));

describe('parser fuzzing', () => {
  it('parses every generated program', () => {
    fc.assert(
      fc.property(generated, (src) => {
        expect(outcome(src)).toBe('ok');
      }),
      { numRuns: 3000 },
    );
  });

  // Skips only where Debian's /usr/bin/python3 (the oracle) is absent, as on a user's machine; .ci/run installs it, so this runs in CI.
  it.skipIf(!python)("builds the trees Python's ast builds for generated programs", () => {
    const programs = fc.sample(generated, { numRuns: 400, seed: 4 });
    const expected = pythonModules(programs);
    const mismatches: string[] = [];
    programs.forEach((src, k) => {
      const ours = pythonShape(Parser.parseModule(src, 'fuzz.py').body, src);
      const difference = firstDifference(ours, expected[k]);
      if (difference) mismatches.push(`${JSON.stringify(src)}: ${difference}`);
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  // Line-level mutations (indentation changed, lines duplicated, dropped or swapped) and token
  // insertions, applied to the fixture sources.
  const FRAGMENTS = [
    ' ',
    '    ',
    '\t',
    '\n',
    ':',
    ';',
    ',',
    '=',
    '+=',
    '*',
    '**',
    '/',
    '@',
    '->',
    '(',
    ')',
    'if ',
    'elif ',
    'else',
    'else:',
    'for ',
    ' in ',
    'while ',
    'with ',
    ' as ',
    'def ',
    'class ',
    'return',
    'del ',
    'pass',
    'import ',
    'from ',
    'global ',
    'lambda',
    'try:',
    'yield',
    '# type: (int) -> int',
    'x',
    '1',
  ];
  const mutation = fc.record({
    source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
    edits: fc.array(
      fc.record({
        line: fc.double({ min: 0, max: 1, noNaN: true }),
        op: fc.constantFrom('indent', 'dedent', 'duplicate', 'drop', 'swap', 'insert'),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        fragment: fc.constantFrom(...FRAGMENTS),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

  function mutate({ source, edits }: Mutation) {
    const lines = (SOURCES[source] as string).split('\n');
    for (const { line, op, at, fragment } of edits) {
      const k = Math.floor(line * lines.length);
      const text = lines[k] ?? '';
      if (op === 'indent') lines[k] = `${fragment === '\t' ? '\t' : '  '}${text}`;
      else if (op === 'dedent') lines[k] = text.replace(/^( {1,4}|\t)/, '');
      else if (op === 'duplicate') lines.splice(k, 0, text);
      else if (op === 'drop') lines.splice(k, 1);
      else if (op === 'swap' && k + 1 < lines.length) {
        lines[k] = lines[k + 1] as string;
        lines[k + 1] = text;
      } else {
        const i = Math.floor(at * text.length);
        lines[k] = text.slice(0, i) + fragment + text.slice(i);
      }
    }
    return lines.join('\n');
  }

  type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

  it('mutated fixture sources give a Module or a FrontendError, never another exception', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(mutation, (m) => {
        seen.add(outcome(mutate(m)));
      }),
      { numRuns: 4000 },
    );
    expect([...seen].sort()).toEqual(['error', 'ok']);
  });

  // Skips only where Debian's /usr/bin/python3 (the oracle) is absent, as on a user's machine; .ci/run installs it, so this runs in CI.
  it.skipIf(!python)('accepts exactly the mutated fixture sources Python accepts, with the same trees', () => {
    const mutants = fc.sample(mutation, { numRuns: 600, seed: 44 }).map(mutate);
    const expected = pythonModules(mutants);
    const mismatches: string[] = [];
    let rejected = 0;
    mutants.forEach((src, k) => {
      const py = expected[k];
      let ours: unknown;
      try {
        ours = pythonShape(Parser.parseModule(src, 'fuzz.py').body, src);
      } catch (error) {
        if (!FrontendError.isInstance(error)) throw error;
        rejected++;
        // Beyond Python's parser, TorchScript rejects lambda, try, yield, and what CPython's compiler rejects.
        const beyondPython =
          /TorchScript|duplicate argument|multiple starred|starred assignment|can't use starred/.test(error.reason);
        if (Array.isArray(py) && !beyondPython) mismatches.push(`${JSON.stringify(src)}: we reject: ${error.message}`);
        return;
      }
      if (!Array.isArray(py) && py?.withoutTypeComments) {
        // A misplaced `# type:` comment: an ordinary comment for us, as for torch.jit.script.
        const difference = firstDifference(withoutTypeComments(ours), withoutTypeComments(py.withoutTypeComments));
        if (difference) mismatches.push(`${JSON.stringify(src).slice(0, 2000)}: ${difference}`);
      } else if (!Array.isArray(py)) mismatches.push(`${JSON.stringify(src)}: Python rejects: ${JSON.stringify(py)}`);
      else {
        const difference = firstDifference(ours, py);
        if (difference) mismatches.push(`${JSON.stringify(src).slice(0, 2000)}: ${difference}`);
      }
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Both outcomes must be common, or the comparison would test little.
    expect(rejected).toBeGreaterThan(60);
    expect(rejected).toBeLessThan(540);
  });

  it('random statement token soup gives a Module or a FrontendError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS, '\n', '\n  ', '\n    ', 'x = 1\n'), { maxLength: 40 }),
        (parts) => {
          outcome(parts.join(''));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

if (!python) {
  it("skips the comparisons with Python's ast: /usr/bin/python3 with ast is absent", () => {
    expect(python).toBe(false);
  });
}
