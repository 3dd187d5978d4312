import { SchemaParseError } from '../errors/schema-parse-error.js';

/**
 * Token kinds of the schema language: identifiers, numbers, string literals, `->`, `...`, the
 * end of input, and single punctuation characters (which stand for themselves).
 */
export type TokenKind = 'ident' | 'number' | 'string' | '->' | '...' | 'eof' | Punctuation;
type Punctuation = '(' | ')' | '[' | ']' | ',' | '?' | '!' | '|' | '*' | '=' | ':' | '.' | '-';

export interface Token {
  readonly kind: TokenKind;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
  /** The source text of the token (for strings: with quotes and escapes, undecoded). */
  readonly text: string;
}

const PUNCTUATION = new Set<string>(['(', ')', '[', ']', ',', '?', '!', '|', '*', '=', ':', '.', '-']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */ || c === 36 /* $ */;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/**
 * Splits a schema into tokens in one left-to-right pass (no regular expressions, no
 * backtracking: linear time in the length of the text).
 */
export function tokenizeSchema(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (true) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) {
      tokens.push({ kind: 'eof', start: n, end: n, text: '' });
      return tokens;
    }
    const start = i;
    const c = text.charCodeAt(i);
    let kind: TokenKind;
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      kind = 'ident';
    } else if (isDigit(c) || (c === 46 && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      i = scanNumber(text, i);
      if (i < n && isIdentPart(text.charCodeAt(i))) {
        let end = i;
        while (end < n && isIdentPart(text.charCodeAt(end))) end++;
        const shown = text.slice(start, end);
        throw new SchemaParseError(
          text,
          start,
          `malformed number '${shown}' (hex, underscores and suffixes are not allowed)`,
        );
      }
      kind = 'number';
    } else if (c === 34 || c === 39) {
      i = scanString(text, i);
      kind = 'string';
    } else if (text.startsWith('->', i)) {
      i += 2;
      kind = '->';
    } else if (text.startsWith('...', i)) {
      i += 3;
      kind = '...';
    } else if (PUNCTUATION.has(text[i])) {
      i += 1;
      kind = text[start] as Punctuation;
    } else {
      const shown = text.codePointAt(i) ?? c;
      throw new SchemaParseError(text, i, `unexpected character ${JSON.stringify(String.fromCodePoint(shown))}`);
    }
    tokens.push({ kind, start, end: i, text: text.slice(start, i) });
  }
}

/** digits [. digits] [e|E [+|-] digits], or . digits [...]; returns the end offset. */
function scanNumber(text: string, i: number): number {
  const n = text.length;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i < n && text.charCodeAt(i) === 46 && !text.startsWith('...', i)) {
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (j < n && isDigit(text.charCodeAt(j))) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}

/** A string in single, double or triple quotes; returns the end offset (after the closing quote). */
function scanString(text: string, start: number): number {
  const n = text.length;
  const quote = text[start];
  const triple = text.startsWith(quote.repeat(3), start);
  const close = triple ? quote.repeat(3) : quote;
  let i = start + close.length;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (text.startsWith(close, i)) return i + close.length;
    if (!triple && (c === '\n' || c === '\r')) break;
    i++;
  }
  throw new SchemaParseError(text, start, 'unterminated string literal');
}

/**
 * The value of a string literal token, with the escapes PyTorch's schema parser accepts:
 * `\\ \' \" \a \b \f \n \r \t \v`, a newline after a backslash (skipped), and three octal digits
 * (`\101`). Hex and unicode escapes are not supported, as in PyTorch.
 */
export function decodeStringLiteral(source: string, token: Token): string {
  const raw = token.text;
  const quoteLength = raw.length >= 6 && (raw.startsWith('"""') || raw.startsWith("'''")) ? 3 : 1;
  const body = raw.slice(quoteLength, raw.length - quoteLength);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const at = token.start + quoteLength + i;
    const next = body[i + 1];
    i++;
    switch (next) {
      case '\\':
      case "'":
      case '"':
        out += next;
        break;
      case '\n':
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x':
        throw new SchemaParseError(source, at, 'hex escapes (\\x) are not supported in schema strings');
      case 'u':
      case 'U':
        throw new SchemaParseError(source, at, 'unicode escapes (\\u) are not supported in schema strings');
      default: {
        const octal = body.slice(i, i + 3);
        const value = /^[0-7]{3}$/.test(octal) ? Number.parseInt(octal, 8) : -1;
        if (value < 0 || value > 255) {
          throw new SchemaParseError(
            source,
            at,
            'bad escape in string literal (expected \\\\, \\\', \\", \\a, \\b, \\f, \\n, \\r, \\t, \\v or three octal digits up to \\377)',
          );
        }
        out += String.fromCharCode(value);
        i += 2;
      }
    }
  }
  return out;
}
