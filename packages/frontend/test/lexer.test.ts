import { JitError } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { FrontendError } from '../src/errors/frontend-error.js';
import { lexer, type Token, type TypeComment } from '../src/lexer.js';

/** Compact token strings: `kind` for layout tokens, the text otherwise. */
const show = (src: string) =>
  lexer(src).map((t: Token) =>
    t.kind === 'newline' || t.kind === 'indent' || t.kind === 'dedent' || t.kind === 'eof'
      ? t.kind.toUpperCase()
      : t.text,
  );

function lexError(src: string, file = 'test.py'): FrontendError {
  try {
    lexer(src, file);
  } catch (error) {
    if (FrontendError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected a FrontendError for ${JSON.stringify(src)}`);
}

describe('indentation', () => {
  it('emits INDENT and DEDENT around blocks, and NEWLINE per logical line', () => {
    const src = 'def f(x: int) -> int:\n    if x:\n        return 1\n    return 2\n';
    expect(show(src)).toEqual([
      'def',
      'f',
      '(',
      'x',
      ':',
      'int',
      ')',
      '->',
      'int',
      ':',
      'NEWLINE',
      'INDENT',
      'if',
      'x',
      ':',
      'NEWLINE',
      'INDENT',
      'return',
      '1',
      'NEWLINE',
      'DEDENT',
      'return',
      '2',
      'NEWLINE',
      'DEDENT',
      'EOF',
    ]);
  });

  it('closes every open block at end of file, with a NEWLINE when the last line has none', () => {
    expect(show('if a:\n  if b:\n    c')).toEqual([
      'if',
      'a',
      ':',
      'NEWLINE',
      'INDENT',
      'if',
      'b',
      ':',
      'NEWLINE',
      'INDENT',
      'c',
      'NEWLINE',
      'DEDENT',
      'DEDENT',
      'EOF',
    ]);
  });

  it('ignores blank lines and comment-only lines, whatever their indentation', () => {
    const src = '# header\n\nif a:\n\n        # deep comment\n  b  # trailing\n   \n\nc\n';
    expect(show(src)).toEqual(['if', 'a', ':', 'NEWLINE', 'INDENT', 'b', 'NEWLINE', 'DEDENT', 'c', 'NEWLINE', 'EOF']);
  });

  it('rejects a dedent to a level that was never opened, pointing at the line', () => {
    const error = lexError('if a:\n    b\n  c\n');
    expect(error.code).toBe('ERR_TSJIT_FRONTEND');
    expect(error.reason).toBe('unindent does not match any outer indentation level');
    expect(error.line).toBe(3);
    expect(error.column).toBe(3);
    expect(error.message).toBe(
      'unindent does not match any outer indentation level\n  at test.py:3:3\n      c\n      ^',
    );
  });

  it('accepts consistent tabs and rejects tabs and spaces mixed ambiguously', () => {
    expect(show('if a:\n\tb\n\tc\n')).toContain('INDENT');
    // A tab is 8 columns to CPython but 1 to some editors: `\t` then 8 spaces are the same width
    // with tab stops of 8, not otherwise.
    expect(lexError('if a:\n\tb\n        c\n').reason).toBe('inconsistent use of tabs and spaces in indentation');
    expect(lexError('if a:\n    \tb\n\t    c\n').reason).toBe('inconsistent use of tabs and spaces in indentation');
  });

  it('emits INDENT for an indented first line (the parser rejects it, as Python does)', () => {
    expect(show('  x\n')).toEqual(['INDENT', 'x', 'NEWLINE', 'DEDENT', 'EOF']);
  });
});

describe('line joining', () => {
  it('joins lines inside brackets without NEWLINE or indentation', () => {
    const src = 'x = f(a,\n        b,\n  [c,\n{d: e}])\ny\n';
    expect(show(src)).toEqual([
      'x',
      '=',
      'f',
      '(',
      'a',
      ',',
      'b',
      ',',
      '[',
      'c',
      ',',
      '{',
      'd',
      ':',
      'e',
      '}',
      ']',
      ')',
      'NEWLINE',
      'y',
      'NEWLINE',
      'EOF',
    ]);
  });

  it('joins lines after a backslash', () => {
    expect(show('x = 1 + \\\n      2\nif a:\n  b = \\\n3\n')).toEqual([
      'x',
      '=',
      '1',
      '+',
      '2',
      'NEWLINE',
      'if',
      'a',
      ':',
      'NEWLINE',
      'INDENT',
      'b',
      '=',
      '3',
      'NEWLINE',
      'DEDENT',
      'EOF',
    ]);
  });

  it('reports unclosed, unmatched and mismatched brackets', () => {
    const unclosed = lexError('x = f(a,\n  b\n');
    expect(unclosed.reason).toBe("unexpected end of file: '(' was never closed");
    expect([unclosed.line, unclosed.column]).toEqual([1, 6]);
    expect(lexError('x = )').reason).toBe("unmatched ')'");
    expect(lexError('x = [1, 2)').reason).toBe("closing parenthesis ')' does not match opening parenthesis '['");
  });

  it('rejects a backslash followed by anything but a line end', () => {
    expect(lexError('x = 1 \\ + 2').reason).toBe('unexpected character after line continuation character');
    expect(lexError('x = 1 \\').reason).toMatch(/end of file after line continuation/);
  });

  it('handles \\r\\n and \\r line ends', () => {
    expect(show('if a:\r\n  b\r\nc\r')).toEqual([
      'if',
      'a',
      ':',
      'NEWLINE',
      'INDENT',
      'b',
      'NEWLINE',
      'DEDENT',
      'c',
      'NEWLINE',
      'EOF',
    ]);
  });
});

describe('source ranges', () => {
  it('gives every token its offsets, line and column', () => {
    const tokens = lexer('def f():\n    return  x1\n');
    const x1 = tokens.find((t) => t.text === 'x1') as Token;
    expect(x1.range).toEqual({ start: 21, end: 23, line: 2, col: 13 });
    const ret = tokens.find((t) => t.text === 'return') as Token;
    expect(ret.range).toEqual({ start: 13, end: 19, line: 2, col: 5 });
    for (const t of tokens) expect('def f():\n    return  x1\n'.slice(t.range.start, t.range.end)).toBe(t.text);
  });

  it('places tokens after a multi-line string on the right line', () => {
    const tokens = lexer('s = """a\nb\n""" + t\n');
    const t = tokens.find((tok) => tok.text === 't') as Token;
    expect([t.range.line, t.range.col]).toEqual([3, 7]);
  });
});

describe('strings', () => {
  const str = (src: string) => lexer(src)[0] as Token;

  it('decodes single, double and triple quoted strings with escapes', () => {
    expect(str("'a\\'b'").value).toBe("a'b");
    expect(str('"a\\tb\\n\\\\"').value).toBe('a\tb\n\\');
    expect(str("'''x\n'y'\n'''").value).toBe("x\n'y'\n");
    expect(str('"""a""b"""').value).toBe('a""b');
    expect(str("'\\x41\\u00e9\\U0001F600\\101\\0'").value).toBe('Aé😀A\0');
    expect(str("'a\\\nb'").value).toBe('ab');
    expect(str("'\\d'").value).toBe('\\d');
  });

  it('keeps backslashes in raw strings', () => {
    expect(str("r'\\n\\d'").value).toBe('\\n\\d');
    expect(str("R'\\''").value).toBe("\\'");
    expect(str("r'''a\\\nb'''").value).toBe('a\\\nb');
  });

  it('splits f-strings into text and fields', () => {
    const t = str('f\'x={x!r:>{width}} {{lit}} {d["k"]}\'');
    expect(t.kind).toBe('fstring');
    expect(t.parts).toEqual([
      { kind: 'text', value: 'x=' },
      { kind: 'expr', source: 'x', offset: 5, conversion: 'r', formatSpec: '>{width}' },
      { kind: 'text', value: ' {lit} ' },
      { kind: 'expr', source: 'd["k"]', offset: 28, conversion: null, formatSpec: null },
    ]);
    expect(lexError("f'{}'").reason).toBe('f-string: empty expression not allowed');
    expect(lexError("f'a}'").reason).toBe("f-string: single '}' is not allowed");
    expect(lexError("f'{a'").reason).toBe("f-string: expecting '}'");
  });

  it('reports unterminated strings at the opening quote', () => {
    const eol = lexError("x = 'abc\ny = 2\n");
    expect(eol.reason).toBe('unterminated string literal (end of line)');
    expect([eol.line, eol.column]).toEqual([1, 5]);
    expect(lexError('x = """abc\n\n').reason).toBe('unterminated triple-quoted string literal');
    expect(lexError("x = '\\x4'").reason).toMatch(/invalid \\x escape/);
    expect(lexError("b'x'").reason).toMatch(/bytes literals/);
  });

  it('treats prefixes as names when no quote follows', () => {
    expect(show('r + f')).toEqual(['r', '+', 'f', 'NEWLINE', 'EOF']);
  });
});

describe('numbers', () => {
  const num = (src: string) => {
    const [t] = lexer(src) as [Token];
    return [t.text, t.numberKind];
  };

  it('reads integers in every base, with underscores', () => {
    expect(num('0')).toEqual(['0', 'int']);
    expect(num('000')).toEqual(['000', 'int']);
    expect(num('1_000_000')).toEqual(['1_000_000', 'int']);
    expect(num('0xFF_ff')).toEqual(['0xFF_ff', 'int']);
    expect(num('0o17')).toEqual(['0o17', 'int']);
    expect(num('0b_1010')).toEqual(['0b_1010', 'int']);
  });

  it('reads floats and imaginary numbers', () => {
    expect(num('1.')).toEqual(['1.', 'float']);
    expect(num('.5')).toEqual(['.5', 'float']);
    expect(num('1.5e-3')).toEqual(['1.5e-3', 'float']);
    expect(num('1E10')).toEqual(['1E10', 'float']);
    expect(num('1_0.0_1e+1_0')).toEqual(['1_0.0_1e+1_0', 'float']);
    expect(num('00.5')).toEqual(['00.5', 'float']);
    expect(num('3j')).toEqual(['3j', 'imaginary']);
    expect(num('1.5e2J')).toEqual(['1.5e2J', 'imaginary']);
  });

  it('does not take a method call for a float', () => {
    expect(show('x.size(0)')).toEqual(['x', '.', 'size', '(', '0', ')', 'NEWLINE', 'EOF']);
    expect(show('1 .real')).toEqual(['1', '.', 'real', 'NEWLINE', 'EOF']);
  });

  it('rejects malformed numbers', () => {
    expect(lexError('007').reason).toMatch(/leading zeros/);
    expect(lexError('1__0').reason).toBe('invalid decimal literal');
    expect(lexError('1_').reason).toBe('invalid decimal literal');
    expect(lexError('0x').reason).toBe('invalid hexadecimal literal');
    expect(lexError('0b102').reason).toBe("invalid digit '2' in binary literal");
    expect(lexError('12abc').reason).toBe('invalid decimal literal');
    expect(lexError('1_if').reason).toBe('invalid decimal literal');
  });

  it('lets the keywords CPython allows touch a number', () => {
    expect(show('x = 1if y else 2')).toEqual(['x', '=', '1', 'if', 'y', 'else', '2', 'NEWLINE', 'EOF']);
    expect(show('[0for i in x]')).toEqual(['[', '0', 'for', 'i', 'in', 'x', ']', 'NEWLINE', 'EOF']);
    expect(show('1.5or 2')).toEqual(['1.5', 'or', '2', 'NEWLINE', 'EOF']);
  });
});

describe('names, keywords and operators', () => {
  it('tells keywords from names, including unicode names', () => {
    const tokens = lexer('if None is not Nonex and résumé or _x1 in y');
    expect(tokens.slice(0, -2).map((t) => `${t.kind}:${t.text}`)).toEqual([
      'keyword:if',
      'keyword:None',
      'keyword:is',
      'keyword:not',
      'name:Nonex',
      'keyword:and',
      'name:résumé',
      'keyword:or',
      'name:_x1',
      'keyword:in',
      'name:y',
    ]);
  });

  it('reads the longest operator', () => {
    expect(show('a //= b **= c >>= d -> e ... @ f @= g != h <= i << j')).toEqual([
      'a',
      '//=',
      'b',
      '**=',
      'c',
      '>>=',
      'd',
      '->',
      'e',
      '...',
      '@',
      'f',
      '@=',
      'g',
      '!=',
      'h',
      '<=',
      'i',
      '<<',
      'j',
      'NEWLINE',
      'EOF',
    ]);
  });

  it('rejects the walrus operator and characters that are not Python', () => {
    const walrus = lexError('if (n := 10) > 5:\n  pass\n');
    expect(walrus.reason).toMatch(/walrus operator ':=' is not supported/);
    expect(walrus.column).toBe(7);
    expect(lexError('a ? b').reason).toBe("invalid character '?' in source");
    expect(lexError('a $ b').reason).toBe("invalid character '$' in source");
    expect(lexError('a ! b').reason).toBe("invalid character '!' in source");
    expect(lexError('a \x01 b').reason).toBe("invalid character 'U+0001' in source");
  });

  it('makes FrontendError a JitError', () => {
    const error = lexError('x = ?');
    expect(JitError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('FrontendError');
    expect(error.file).toBe('test.py');
  });
});

describe('type comments', () => {
  it('hands `# type:` comments to the caller, after the comment or alone on a line, and not type-ignores', () => {
    const comments: TypeComment[] = [];
    const src = 'def f(a):  # type: (int) -> int\n    #type:List[int]  \n    x = 1  # type: ignore\n    # typed\n';
    const tokens = lexer(src, 'test.py', comments);
    expect(comments).toEqual([
      { text: '(int) -> int', range: { start: 11, end: 31, line: 1, col: 12 } },
      { text: 'List[int]  ', range: { start: 36, end: 53, line: 2, col: 5 } },
    ]);
    // The tokens are those of the same source without the sink.
    expect(tokens).toEqual(lexer(src, 'test.py'));
  });
});
