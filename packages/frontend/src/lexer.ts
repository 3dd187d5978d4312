import { FrontendError } from './errors/frontend-error.js';

export type TokenKind =
  | 'name'
  | 'keyword'
  | 'number'
  | 'string'
  | 'fstring'
  | 'op'
  | 'newline'
  | 'indent'
  | 'dedent'
  | 'eof';

/** Where a token is: `start`/`end` are 0-based offsets (end exclusive), `line`/`col` 1-based, of the start. */
export interface TokenRange {
  start: number;
  end: number;
  line: number;
  col: number;
}

/**
 * A `# type: ...` comment (PyTorch reads function signatures and assignment types from them), with
 * `text` the rest of the comment after `type:` and the blanks that follow it. `# type: ignore`
 * comments are not type comments (they silence checkers), as in CPython.
 */
export interface TypeComment {
  text: string;
  range: TokenRange;
}

/** A piece of an f-string: literal text (escapes decoded), or a replacement field as written. */
export type FStringPart =
  | { kind: 'text'; value: string }
  | {
      kind: 'expr';
      /** The expression's source text, and its offset in the file. */
      source: string;
      offset: number;
      /** `!r`, `!s` or `!a` without the `!`, when present. */
      conversion: string | null;
      /** The format spec after `:`, raw (it may itself hold `{...}` fields), when present. */
      formatSpec: string | null;
    };

export interface Token {
  kind: TokenKind;
  /** The token's text as written (for strings: including prefix and quotes). */
  text: string;
  range: TokenRange;
  /** Strings: the decoded value. */
  value?: string;
  /** Numbers: what the literal denotes. */
  numberKind?: 'int' | 'float' | 'imaginary';
  /** f-strings: their parts. */
  parts?: FStringPart[];
}

const KEYWORDS = new Set([
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

// Longest first, so that a prefix never wins over the operator it starts.
const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  ':=',
  '->',
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '&',
  '|',
  '^',
  '~',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  ';',
  '=',
];
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

// The operators by their first character, longest first (as in OPERATORS): the lexer tries only these.
const OPERATORS_BY_FIRST: ReadonlyMap<string, readonly string[]> = (() => {
  const byFirst = new Map<string, string[]>();
  for (const op of OPERATORS) {
    const list = byFirst.get(op[0] as string) ?? [];
    list.push(op);
    byFirst.set(op[0] as string, list);
  }
  return byFirst;
})();

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;
const STRING_PREFIX = /^(?:r|u|f|fr|rf|b|br|rb)$/i;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Splits TorchScript source into tokens with Python's rules: INDENT/DEDENT from indentation,
 * NEWLINE at the end of each logical line, implicit joining inside brackets and explicit `\`
 * joining. Iterative throughout, so that no input can exhaust the stack. Throws FrontendError.
 */
export function lexer(source: string, file = '<string>', typeComments?: TypeComment[]): Token[] {
  return new Lexer(source, file, typeComments).run();
}

// CPython's test: `#`, blanks, `type:`, blanks; `ignore` not followed by an identifier character is a type-ignore.
const TYPE_COMMENT = /^#[ \t]*type:[ \t]*/;
const TYPE_IGNORE = /^ignore(?![\p{L}\p{N}_])/u;

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];
  // Two indentation measures as CPython keeps them: tabs to multiples of 8, and tabs as 1 column.
  // A line whose measures order differently from the enclosing levels is inconsistent.
  private readonly indents: number[] = [0];
  private readonly altIndents: number[] = [0];
  private readonly brackets: { char: string; offset: number }[] = [];

  constructor(
    private readonly src: string,
    private readonly file: string,
    /** Where type comments go, in source order, when the caller wants them. */
    private readonly typeComments?: TypeComment[],
  ) {}

  /** Consumes a comment from `this.pos` (its `#`) to the end of its line, keeping it if it is a type comment. */
  private comment() {
    const src = this.src;
    const start = this.pos;
    while (this.pos < src.length && !this.newlineAt(this.pos)) this.pos++;
    if (!this.typeComments) return;
    const text = src.slice(start, this.pos);
    const prefix = TYPE_COMMENT.exec(text);
    if (!prefix) return;
    const rest = text.slice(prefix[0].length);
    if (TYPE_IGNORE.test(rest)) return;
    const range = { start, end: this.pos, line: this.line, col: start - this.lineStart + 1 };
    this.typeComments.push({ text: rest, range });
  }

  private fail(offset: number, reason: string): never {
    throw new FrontendError(this.src, this.file, offset, reason);
  }

  private push(kind: TokenKind, start: number, end: number, line: number, col: number, extra?: Partial<Token>) {
    this.tokens.push({ kind, text: this.src.slice(start, end), range: { start, end, line, col }, ...extra });
  }

  private newlineAt(i: number): number {
    const c = this.src.charCodeAt(i);
    if (c === 10) return 1;
    if (c === 13) return this.src.charCodeAt(i + 1) === 10 ? 2 : 1;
    return 0;
  }

  private advanceLine(width: number) {
    this.pos += width;
    this.line++;
    this.lineStart = this.pos;
  }

  run(): Token[] {
    const src = this.src;
    let atLineStart = true;
    while (this.pos < src.length) {
      if (atLineStart && this.brackets.length === 0) {
        // A blank or comment-only line is consumed whole, and the next line is measured instead.
        if (this.indentation()) continue;
        atLineStart = false;
      }
      const start = this.pos;
      const c = src.charCodeAt(start);
      const col = start - this.lineStart + 1;
      const nl = this.newlineAt(start);
      if (nl) {
        // Inside brackets lines join implicitly: no NEWLINE, and the next line's indentation is not measured.
        const joined = this.brackets.length > 0;
        if (!joined) this.push('newline', start, start + nl, this.line, col);
        this.advanceLine(nl);
        atLineStart = !joined;
        continue;
      }
      if (c === 32 || c === 9 || c === 12) {
        this.pos++;
        continue;
      }
      if (c === 35) {
        this.comment();
        continue;
      }
      if (c === 92) {
        const w = this.newlineAt(start + 1);
        if (!w) {
          if (start + 1 >= src.length) this.fail(start, 'unexpected end of file after line continuation character');
          this.fail(start + 1, 'unexpected character after line continuation character');
        }
        this.pos++;
        this.advanceLine(w);
        if (this.pos >= src.length) this.fail(start, 'unexpected end of file after line continuation character');
        continue;
      }
      if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1)))) {
        this.number(start, col);
        continue;
      }
      if (c === 34 || c === 39) {
        this.string(start, start, col, '');
        continue;
      }
      const cp = src.codePointAt(start) as number;
      const ch = String.fromCodePoint(cp);
      if (ID_START.test(ch)) {
        let end = start + ch.length;
        while (end < src.length) {
          const next = String.fromCodePoint(src.codePointAt(end) as number);
          if (!ID_CONTINUE.test(next)) break;
          end += next.length;
        }
        const word = src.slice(start, end);
        const q = src.charCodeAt(end);
        if ((q === 34 || q === 39) && STRING_PREFIX.test(word)) {
          this.string(start, end, col, word.toLowerCase());
          continue;
        }
        this.push(KEYWORDS.has(word) ? 'keyword' : 'name', start, end, this.line, col);
        this.pos = end;
        continue;
      }
      this.operator(start, col);
    }
    if (this.brackets.length > 0) {
      const open = this.brackets[this.brackets.length - 1] as { char: string; offset: number };
      this.fail(open.offset, `unexpected end of file: '${open.char}' was never closed`);
    }
    const last = this.tokens[this.tokens.length - 1];
    const end = src.length;
    const col = end - this.lineStart + 1;
    if (last && last.kind !== 'newline' && last.kind !== 'dedent' && last.kind !== 'indent') {
      this.push('newline', end, end, this.line, col);
    }
    while (this.indents.length > 1) {
      this.indents.pop();
      this.altIndents.pop();
      this.push('dedent', end, end, this.line, col);
    }
    this.push('eof', end, end, this.line, col);
    return this.tokens;
  }

  /** Measures the indentation of a new line; returns true when the line is blank or a comment. */
  private indentation(): boolean {
    const src = this.src;
    let i = this.pos;
    let width = 0;
    let alt = 0;
    for (; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === 32) {
        width++;
        alt++;
      } else if (c === 9) {
        width = (Math.floor(width / 8) + 1) * 8;
        alt++;
      } else if (c === 12) {
        // A form feed resets the count, as in CPython.
        width = 0;
        alt = 0;
      } else break;
    }
    this.pos = i;
    const c = src.charCodeAt(i);
    // Blank and comment-only lines do not take part in indentation; backslash joins are measured
    // from the first physical line.
    if (i >= src.length || this.newlineAt(i) || c === 35) {
      if (c === 35) this.comment();
      while (this.pos < src.length && !this.newlineAt(this.pos)) this.pos++;
      if (this.pos < src.length) this.advanceLine(this.newlineAt(this.pos));
      return true;
    }
    const top = this.indents[this.indents.length - 1] as number;
    const altTop = this.altIndents[this.altIndents.length - 1] as number;
    const col = i - this.lineStart + 1;
    if (width === top) {
      if (alt !== altTop) this.fail(i, 'inconsistent use of tabs and spaces in indentation');
    } else if (width > top) {
      if (alt <= altTop) this.fail(i, 'inconsistent use of tabs and spaces in indentation');
      this.indents.push(width);
      this.altIndents.push(alt);
      this.push('indent', this.lineStart, i, this.line, 1);
    } else {
      while (this.indents.length > 1 && width < (this.indents[this.indents.length - 1] as number)) {
        this.indents.pop();
        this.altIndents.pop();
        this.push('dedent', i, i, this.line, col);
      }
      if (width !== this.indents[this.indents.length - 1]) {
        this.fail(i, 'unindent does not match any outer indentation level');
      }
      if (alt !== this.altIndents[this.altIndents.length - 1]) {
        this.fail(i, 'inconsistent use of tabs and spaces in indentation');
      }
    }
    return false;
  }

  private operator(start: number, col: number) {
    const src = this.src;
    for (const op of OPERATORS_BY_FIRST.get(src[start] as string) ?? []) {
      if (!src.startsWith(op, start)) continue;
      if (op === ':=') this.fail(start, "the walrus operator ':=' is not supported in TorchScript");
      if (op === '(' || op === '[' || op === '{') this.brackets.push({ char: op, offset: start });
      const opener = CLOSERS[op];
      if (opener) {
        const open = this.brackets.pop();
        if (!open) this.fail(start, `unmatched '${op}'`);
        if (open.char !== opener) {
          this.fail(start, `closing parenthesis '${op}' does not match opening parenthesis '${open.char}'`);
        }
      }
      this.push('op', start, start + op.length, this.line, col);
      this.pos = start + op.length;
      return;
    }
    const cp = src.codePointAt(start) as number;
    const shown =
      cp < 32 || cp === 127 ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : String.fromCodePoint(cp);
    this.fail(start, `invalid character '${shown}' in source`);
  }

  private number(start: number, col: number) {
    const src = this.src;
    let i = start;
    let kind: 'int' | 'float' | 'imaginary' = 'int';
    // A run of digits with single underscores between them; returns the end, or fails.
    const digits = (from: number, ok: (c: number) => boolean, what: string): number => {
      let j = from;
      if (!ok(src.charCodeAt(j))) this.fail(j, `invalid ${what} literal`);
      while (j < src.length) {
        const c = src.charCodeAt(j);
        if (ok(c)) j++;
        else if (c === 95 && ok(src.charCodeAt(j + 1))) j += 2;
        else break;
      }
      return j;
    };
    const c0 = src.charCodeAt(i);
    const c1 = src.charCodeAt(i + 1) | 0x20;
    if (c0 === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
      const base =
        c1 === 120
          ? { ok: (c: number) => isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102), what: 'hexadecimal' }
          : c1 === 111
            ? { ok: (c: number) => c >= 48 && c <= 55, what: 'octal' }
            : { ok: (c: number) => c === 48 || c === 49, what: 'binary' };
      i += 2;
      if (src.charCodeAt(i) === 95) i++;
      i = digits(i, base.ok, base.what);
      if (isDigit(src.charCodeAt(i))) this.fail(i, `invalid digit '${src[i]}' in ${base.what} literal`);
    } else {
      if (c0 !== 46) i = digits(i, isDigit, 'decimal');
      const intEnd = i;
      if (src.charCodeAt(i) === 46) {
        kind = 'float';
        i++;
        if (isDigit(src.charCodeAt(i))) i = digits(i, isDigit, 'decimal');
      }
      const e = src.charCodeAt(i) | 0x20;
      if (e === 101) {
        let j = i + 1;
        const sign = src.charCodeAt(j);
        if (sign === 43 || sign === 45) j++;
        if (isDigit(src.charCodeAt(j))) {
          kind = 'float';
          i = digits(j, isDigit, 'decimal');
        }
      }
      if ((src.charCodeAt(i) | 0x20) === 106) {
        kind = 'imaginary';
        i++;
      }
      // Python rejects leading zeros in a non-zero decimal integer (`007`): it would read as octal in C.
      if (kind === 'int' && c0 === 48 && /[1-9]/.test(src.slice(start, intEnd))) {
        this.fail(
          start,
          'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
        );
      }
    }
    if (i < src.length) {
      const next = String.fromCodePoint(src.codePointAt(i) as number);
      // CPython still lets a few keywords touch a number (`1if x else 2`, deprecated), so that
      // old code keeps compiling; any other letter right after a number is an error.
      const keywordNext = /^(?:and|else|for|if|in|is|not|or)/.test(src.slice(i, i + 4));
      if ((ID_CONTINUE.test(next) || next === '_') && !keywordNext) {
        this.fail(i, `invalid ${kind === 'int' ? 'decimal' : kind} literal`);
      }
    }
    this.push('number', start, i, this.line, col, { numberKind: kind });
    this.pos = i;
  }

  /** A string literal; `quoteAt` is the offset of the opening quote after the prefix. */
  private string(start: number, quoteAt: number, col: number, prefix: string) {
    const src = this.src;
    if (prefix.includes('b')) this.fail(start, 'bytes literals are not supported in TorchScript');
    const raw = prefix.includes('r');
    const isF = prefix.includes('f');
    const quote = src[quoteAt] as string;
    const triple = src.startsWith(quote.repeat(3), quoteAt);
    const delim = triple ? quote.repeat(3) : quote;
    const startLine = this.line;
    let i = quoteAt + delim.length;
    const bodyStart = i;
    let value = '';
    for (;;) {
      if (i >= src.length) {
        this.fail(
          start,
          triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal (end of file)',
        );
      }
      if (src.startsWith(delim, i)) break;
      const c = src.charCodeAt(i);
      const nl = this.newlineAt(i);
      if (nl) {
        if (!triple) this.fail(start, 'unterminated string literal (end of line)');
        value += '\n';
        i += nl;
        this.line++;
        this.lineStart = i;
        continue;
      }
      if (c !== 92) {
        value += src[i];
        i++;
        continue;
      }
      // A backslash: in raw strings it stays, but still protects the next character (so r'\'' works).
      const nextNl = this.newlineAt(i + 1);
      if (raw) {
        if (nextNl) {
          value += `\\${src.slice(i + 1, i + 1 + nextNl)}`;
          i += 1 + nextNl;
          this.line++;
          this.lineStart = i;
        } else if (i + 1 < src.length) {
          value += src.slice(i, i + 2);
          i += 2;
        } else i++;
        continue;
      }
      if (nextNl) {
        i += 1 + nextNl;
        this.line++;
        this.lineStart = i;
        continue;
      }
      i = this.escape(i, (s) => {
        value += s;
      });
    }
    const end = i + delim.length;
    const token: Token = {
      kind: isF ? 'fstring' : 'string',
      text: src.slice(start, end),
      range: { start, end, line: startLine, col },
      value,
    };
    if (isF) token.parts = this.fstringParts(bodyStart, i, raw);
    this.tokens.push(token);
    this.pos = end;
  }

  /** Decodes the escape at `i` (a backslash); returns the offset after it. */
  private escape(i: number, out: (s: string) => void): number {
    const src = this.src;
    const e = src[i + 1];
    const simple: Record<string, string> = {
      '\\': '\\',
      "'": "'",
      '"': '"',
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
    };
    if (e === undefined) return i + 1;
    if (e in simple) {
      out(simple[e] as string);
      return i + 2;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      while (j < i + 4 && src[j] !== undefined && (src[j] as string) >= '0' && (src[j] as string) <= '7') j++;
      out(String.fromCharCode(Number.parseInt(src.slice(i + 1, j), 8)));
      return j;
    }
    const hex = (n: number, what: string): number => {
      const digits = src.slice(i + 2, i + 2 + n);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== n) {
        this.fail(i, `invalid \\${what} escape: expected ${n} hexadecimal digits`);
      }
      const code = Number.parseInt(digits, 16);
      if (code > 0x10ffff) this.fail(i, 'illegal Unicode character in \\U escape');
      out(String.fromCodePoint(code));
      return i + 2 + n;
    };
    if (e === 'x') return hex(2, 'x');
    if (e === 'u') return hex(4, 'u');
    if (e === 'U') return hex(8, 'U');
    if (e === 'N') this.fail(i, 'named Unicode escapes (\\N{...}) are not supported in TorchScript');
    // Python keeps unknown escapes as written.
    out(`\\${e}`);
    return i + 2;
  }

  /** Splits an f-string body into text and `{expr!c:spec}` fields, with `{{`/`}}` as literal braces. */
  private fstringParts(from: number, to: number, raw: boolean): FStringPart[] {
    const src = this.src;
    const parts: FStringPart[] = [];
    let text = '';
    let i = from;
    while (i < to) {
      const c = src[i] as string;
      if (c === '{' && src[i + 1] === '{') {
        text += '{';
        i += 2;
      } else if (c === '}') {
        if (src[i + 1] !== '}') this.fail(i, "f-string: single '}' is not allowed");
        text += '}';
        i += 2;
      } else if (c === '{') {
        if (text) parts.push({ kind: 'text', value: text });
        text = '';
        i = this.fstringField(i, to, parts);
      } else if (c === '\\' && !raw) {
        const nl = this.newlineAt(i + 1);
        if (nl) i += 1 + nl;
        else
          i = this.escape(i, (s) => {
            text += s;
          });
      } else {
        text += c === '\r' ? '\n' : c;
        i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      }
    }
    if (text) parts.push({ kind: 'text', value: text });
    return parts;
  }

  private fstringField(open: number, to: number, parts: FStringPart[]): number {
    const src = this.src;
    let depth = 0;
    let i = open + 1;
    let quote: string | null = null;
    let exprEnd = -1;
    let conversion: string | null = null;
    for (; i < to; i++) {
      const c = src[i] as string;
      if (quote) {
        if (c === quote) quote = null;
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\') this.fail(i, 'f-string expression part cannot include a backslash');
      else if (c === '#') this.fail(i, "f-string expression part cannot include '#'");
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      else if (depth === 0 && (c === '}' || c === ':' || (c === '!' && src[i + 1] !== '='))) break;
    }
    exprEnd = i;
    const source = src.slice(open + 1, exprEnd);
    if (source.trim() === '') this.fail(open, 'f-string: empty expression not allowed');
    if (i < to && src[i] === '!') {
      conversion = src[i + 1] ?? '';
      if (!'rsa'.includes(conversion) || conversion === '') {
        this.fail(i, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
      i += 2;
    }
    let formatSpec: string | null = null;
    if (i < to && src[i] === ':') {
      let nest = 0;
      const specStart = i + 1;
      for (i = specStart; i < to; i++) {
        if (src[i] === '{') nest++;
        else if (src[i] === '}') {
          if (nest === 0) break;
          nest--;
        }
      }
      formatSpec = src.slice(specStart, i);
    }
    if (i >= to || src[i] !== '}') this.fail(open, "f-string: expecting '}'");
    parts.push({ kind: 'expr', source, offset: open + 1, conversion, formatSpec });
    return i + 1;
  }
}
