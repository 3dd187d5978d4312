/** Python's keywords: never a name, in source (the lexer) or in printed code. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/**
 * Names the code printer may not give a local variable: Python's keywords and the names that
 * TorchScript code reads from its environment (`ops`, `CONSTANTS`, `fork`, `inf`...). PyTorch's
 * printer keeps the same list, so that generated names agree with PyTorch's output.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '_',
  'aten',
  'attribute',
  'CONSTANTS',
  'fork',
  'getattr',
  'inf',
  'nan',
  'infj',
  'nanj',
  'ops',
  '__torch__',
  'uninitialized',
  'unchecked_cast',
  ...PYTHON_KEYWORDS,
]);

/** An ASCII Python identifier: letters, digits and `_`, not starting with a digit. */
export function isValidIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * A candidate name turned into an identifier as PyTorch does: every byte that is not an ASCII
 * letter, digit or `_` becomes `_` (a character beyond ASCII is several UTF-8 bytes, so several
 * `_`), and a name that is empty or starts with a digit gets a leading `_`.
 */
export function makeValidIdentifier(candidate: string): string {
  let out = candidate === '' || /^[0-9]/.test(candidate) ? '_' : '';
  for (const ch of candidate) {
    if (/[A-Za-z0-9_]/.test(ch)) out += ch;
    else out += '_'.repeat(utf8Length(ch));
  }
  return out;
}

/** A debug name without its uniquing suffix: `x.3` → `x` (PyTorch's `Value::debugNameBase`). */
export function debugNameBase(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot >= 0 && dot + 1 < name.length && /^[0-9]+$/.test(name.slice(dot + 1))) return name.slice(0, dot);
  return name;
}

/** The length of `text` in UTF-8 bytes: PyTorch measures lines in bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
