import fc from 'fast-check';

/**
 * Mutations of TorchScript sources for fuzzing: syntactic ones (tokens deleted, duplicated,
 * swapped or replaced, lines indented, dedented, deleted, duplicated or swapped) and ones that
 * keep the syntax but usually break the typing (a name renamed to an undefined one, a literal of
 * another type, another type in an annotation, a return deleted).
 *
 * Tokens are found by a small regular tokenizer of its own rather than the frontend's lexer, so
 * that mutations apply to any text, also to text an earlier mutation left unlexable.
 */

export const SYNTACTIC_MUTATIONS = [
  'delete-token',
  'duplicate-token',
  'swap-tokens',
  'replace-token',
  'insert-fragment',
  'indent-line',
  'dedent-line',
  'delete-line',
  'duplicate-line',
  'swap-lines',
] as const;
export const TYPING_MUTATIONS = ['rename-name', 'retype-literal', 'retype-annotation', 'delete-return'] as const;
export type MutationKind = (typeof SYNTACTIC_MUTATIONS)[number] | (typeof TYPING_MUTATIONS)[number];

export interface Mutation {
  kind: MutationKind;
  /** Picks the token or line (modulo their count). */
  at: number;
  /** Picks the replacement, the other line or the indentation. */
  other: number;
}

/** Pieces of Python (and some that are not) that mutations insert. */
const FRAGMENTS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '.',
  '=',
  '->',
  '**',
  '*',
  '-',
  'not',
  'if',
  'else',
  'for',
  'in',
  'return',
  'def',
  'lambda',
  'None',
  'pass',
  'break',
  '\n',
  '\\\n',
  '#',
  "'",
  '"""',
  '0x',
  '1e',
  '@',
  ';',
  'yield',
  'await',
  'global x',
];
const TYPE_NAMES = ['int', 'float', 'str', 'bool', 'Tensor', 'List', 'Dict', 'Optional', 'Tuple', 'None', 'Any'];
const LITERALS = ["'s'", '1', '1.5', 'True', 'None', '[1]', '(1, 2)', "{'a': 1}", '[]'];
const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'for',
  'from',
  'if',
  'import',
  'in',
  'is',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'while',
  'with',
]);

interface Tok {
  start: number;
  end: number;
  text: string;
  kind: 'name' | 'number' | 'string' | 'op';
}

const TOKEN =
  /([A-Za-z_][A-Za-z0-9_]*)|([0-9][0-9a-zA-Z_.]*)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")|(\*\*|\/\/|->|[=!<>]=|[^\s])/g;

function tokens(source: string): Tok[] {
  const out: Tok[] = [];
  for (const m of source.matchAll(TOKEN)) {
    const kind = m[1] ? 'name' : m[2] ? 'number' : m[3] ? 'string' : 'op';
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind });
  }
  return out;
}

function pick<T>(xs: readonly T[], n: number): T | undefined {
  return xs.length === 0 ? undefined : xs[n % xs.length];
}

/** `source` with one mutation applied (unchanged when it has nothing to apply to). */
export function mutateSource(source: string, m: Mutation): string {
  const toks = tokens(source);
  const lines = source.split('\n');
  const replace = (t: Tok, text: string) => source.slice(0, t.start) + text + source.slice(t.end);
  switch (m.kind) {
    case 'delete-token': {
      const t = pick(toks, m.at);
      return t ? replace(t, '') : source;
    }
    case 'duplicate-token': {
      const t = pick(toks, m.at);
      return t ? replace(t, `${t.text} ${t.text}`) : source;
    }
    case 'swap-tokens': {
      const i = toks.length > 1 ? m.at % (toks.length - 1) : -1;
      const a = toks[i];
      const b = toks[i + 1];
      if (!a || !b) return source;
      return source.slice(0, a.start) + b.text + source.slice(a.end, b.start) + a.text + source.slice(b.end);
    }
    case 'replace-token': {
      const t = pick(toks, m.at);
      const by = pick(toks, m.other);
      return t && by ? replace(t, by.text) : source;
    }
    case 'insert-fragment': {
      const t = pick(toks, m.at);
      const f = FRAGMENTS[m.other % FRAGMENTS.length] as string;
      return t ? source.slice(0, t.start) + f + source.slice(t.start) : f + source;
    }
    case 'indent-line':
    case 'dedent-line': {
      const i = m.at % lines.length;
      const line = lines[i] as string;
      const amount = [1, 2, 4, 8][m.other % 4] as number;
      if (m.kind === 'indent-line') lines[i] = ' '.repeat(amount) + line;
      else lines[i] = line.replace(new RegExp(`^ {1,${amount}}`), '');
      return lines.join('\n');
    }
    case 'delete-line':
      lines.splice(m.at % lines.length, 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = m.at % lines.length;
      lines.splice(i, 0, lines[i] as string);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const i = m.at % lines.length;
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
      return lines.join('\n');
    }
    case 'rename-name': {
      const names = toks.filter((t) => t.kind === 'name' && !KEYWORDS.has(t.text));
      const t = pick(names, m.at);
      if (!t) return source;
      // Half the time a name that exists elsewhere in the source (often of another type).
      const other = m.other % 2 === 0 ? pick(names, m.other >> 1)?.text : undefined;
      return replace(t, other && other !== t.text ? other : `undefined_${m.other % 100}`);
    }
    case 'retype-literal': {
      const lits = toks.filter(
        (t) => t.kind === 'number' || t.kind === 'string' || t.text === 'True' || t.text === 'False',
      );
      const t = pick(lits, m.at);
      if (!t) return source;
      const by = LITERALS.filter((l) => l !== t.text);
      return replace(t, by[m.other % by.length] as string);
    }
    case 'retype-annotation': {
      const types = toks.filter((t) => TYPE_NAMES.includes(t.text));
      const t = pick(types, m.at);
      if (!t) return source;
      const by = TYPE_NAMES.filter((n) => n !== t.text);
      return replace(t, by[m.other % by.length] as string);
    }
    case 'delete-return': {
      const returns = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*return\b/.test(l));
      const r = pick(returns, m.at);
      if (!r) return source;
      lines[r[1]] = `${(r[0].match(/^\s*/) as RegExpMatchArray)[0]}pass`;
      return lines.join('\n');
    }
  }
}

export interface MutatedSource {
  /** Index of the original in the sources given. */
  origin: number;
  mutations: Mutation[];
  source: string;
}

/**
 * Sources from `sources` with one to `maxMutations` mutations of the given kinds (by default all).
 */
export function sourceMutationArbitrary(
  sources: readonly string[],
  options: { kinds?: readonly MutationKind[]; maxMutations?: number } = {},
): fc.Arbitrary<MutatedSource> {
  const kinds = options.kinds ?? [...SYNTACTIC_MUTATIONS, ...TYPING_MUTATIONS];
  const mutation = fc.record({ kind: fc.constantFrom(...kinds), at: fc.nat(), other: fc.nat() });
  return fc
    .record({
      origin: fc.nat({ max: sources.length - 1 }),
      mutations: fc.array(mutation, { minLength: 1, maxLength: options.maxMutations ?? 3 }),
    })
    .map(({ origin, mutations }) => ({
      origin,
      mutations,
      source: mutations.reduce((s, m) => mutateSource(s, m), sources[origin] as string),
    }));
}
