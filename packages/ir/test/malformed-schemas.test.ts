import { describe, expect, it } from 'vitest';
import { parseSchema, SchemaParseError } from '../src/index.js';

/** Parses `text`, expecting a SchemaParseError; returns it. */
function reject(text: string): SchemaParseError {
  try {
    parseSchema(text);
  } catch (error) {
    expect(SchemaParseError.isInstance(error), String(error)).toBe(true);
    return error as SchemaParseError;
  }
  throw new Error(`parsed without error: ${text}`);
}

describe('malformed schemas give a SchemaParseError that says what and where', () => {
  // [text, a substring of the reason, the 1-based column it points at]
  const cases: [string, string, number][] = [
    // unbalanced parentheses
    ['aten::f(Tensor x -> Tensor', "expected ',' or ')' but found '->'", 18],
    ['aten::f(Tensor x', "unbalanced '(' (opened at column 8)", 17],
    ['aten::f(Tensor x)) -> Tensor', "expected '->' and the returns but found ')'", 18],
    ['aten::f(Tensor x) -> (Tensor, int', "unbalanced '(' (opened at column 22)", 34],
    ['aten::f(Dict(str, Tensor x) -> ()', "expected ')' to close Dict(K, V) but found 'x'", 26],
    ['aten::f((int, str x) -> ()', "expected ',' or ')' but found 'x'", 19],
    ['aten::f(Tensor(a x) -> ()', "expected ')' to close the alias annotation but found 'x'", 18],
    // unknown types
    ['aten::f(Tenser x) -> ()', "unknown type 'Tenser'", 9],
    ['aten::f(Tensor x) -> Foo', "unknown type 'Foo'", 22],
    ['aten::f(Optional[int] x) -> ()', "unknown type 'Optional'", 9],
    ['aten::f(__torch__.foo.Bar x) -> ()', "expected 'torch' in a class name", 19],
    ['aten::f(Union() x) -> ()', 'a Union needs at least one type', 9],
    ['aten::f(Dict(intfloat, t) x) -> ()', "'intfloat' cannot be a Dict key type", 14],
    ['aten::f(Dict(int[], t) x) -> ()', "'int[]' cannot be a Dict key type", 14],
    // reserved words are not names
    ['aten::f(int in) -> ()', "expected an argument name but found the reserved word 'in'", 13],
    [
      'aten::f(Tensor(a) x) -> Tensor(is)',
      "expected an alias set name (as in Tensor(a) or Tensor(a!)) or '*' but found the reserved word 'is'",
      32,
    ],
    ['aten::if(int x) -> ()', "expected an operator name after the namespace but found the reserved word 'if'", 7],
    ['aten::f(or x) -> ()', "expected a type but found the reserved word 'or'", 9],
    // bad defaults
    ['aten::f(int x=foo) -> ()', "invalid default value 'foo'", 15],
    ['aten::f(float x=-inf) -> ()', "expected a number after '-' but found 'inf'", 18],
    ['aten::f(float x=inf) -> ()', "'inf' is not a valid default value", 17],
    ['aten::f(Tensor x=1) -> ()', 'the default of a Tensor argument can only be None', 18],
    ['aten::f(int[] x=1) -> ()', "expected '[' to start a list default", 17],
    ["aten::f(str[] x=['a']) -> ()", 'list defaults are only supported for int, float and bool lists', 17],
    ['aten::f(int[] x=[1.5]) -> ()', 'a int[] default must hold int values', 17],
    ['aten::f(bool[] x=[1]) -> ()', 'a bool[] default must hold bool values', 18],
    ['aten::f(Any x=None) -> ()', 'arguments of type Any cannot have a default value', 15],
    ['aten::f(int x=) -> ()', "expected a default value but found ')'", 15],
    ['aten::f(int x=99999999999999999999) -> ()', 'does not fit in 64 bits', 15],
    ['aten::f(float x=1e999) -> ()', 'out of range', 17],
    ['aten::f(int x=0x10) -> ()', "malformed number '0x10'", 15],
    ['aten::f(int x=1_000) -> ()', "malformed number '1_000'", 15],
    ['aten::f(float x=1e) -> ()', "malformed number '1e'", 17],
    ["aten::f(str x='abc) -> ()", 'unterminated string literal', 15],
    ["aten::f(str x='\\x41') -> ()", 'hex escapes', 16],
    ["aten::f(str x='\\q') -> ()", 'bad escape in string literal', 16],
    ['aten::f(Device d=cpu) -> ()', 'a Device default must be a string', 18],
    // missing or misplaced pieces
    ['aten::f(Tensor x)', "expected '->' and the returns but found the end of the schema", 18],
    ['aten::f(Tensor x) Tensor', "expected '->' and the returns but found 'Tensor'", 19],
    ['aten::f', "expected '(' to start the argument list of aten::f", 8],
    ['aten::f(Tensor x) -> Tensor out extra', "expected the end of the schema but found 'extra'", 33],
    ['aten::f(Tensor) -> ()', "expected an argument name but found ')'", 15],
    ['aten::f(int x,) -> ()', "expected a type but found ')'", 15],
    ['aten::f(..., int x) -> ()', "'...' must be the last element of the argument list", 14],
    ['aten::f() -> (..., int)', "'...' must be the last element of the return list", 20],
    ['aten::f(int[x] y) -> ()', 'expected the size of a fixed-size list', 13],
    ['aten::f(Tensor(*|a) x) -> ()', "nothing may follow the wildcard '*'", 18],
    [
      'aten::f(Tensor() x) -> ()',
      "expected an alias set name (as in Tensor(a) or Tensor(a!)) or '*' but found ')'",
      16,
    ],
    ['aten::.f(int x) -> ()', "expected an operator name after the namespace but found '.'", 7],
    ['', 'expected an operator name but found the end of the schema', 1],
    ['aten::f(int x) -> int # comment', 'unexpected character "#"', 23],
  ];

  it.each(cases)('%s', (text, reason, column) => {
    const error = reject(text);
    expect(error.reason).toContain(reason);
    expect(error.column).toBe(column);
    expect(error.code).toBe('ERR_TSJIT_SCHEMA_PARSE');
    // The message quotes the text and puts the caret under the column.
    const lines = error.message.split('\n');
    expect(lines[1]).toBe(`    ${text.split('\n')[0]}`);
    expect(lines[2]).toBe(`    ${' '.repeat(column - 1)}^`);
  });

  it('rejects types nested deeper than the parser allows instead of overflowing the stack', () => {
    const deep = `aten::f(${'('.repeat(10_000)}int${')'.repeat(10_000)} x) -> ()`;
    expect(reject(deep).reason).toContain('nested more than');
    const deepList = `aten::f(Dict(str, ${'Future('.repeat(5000)}int${')'.repeat(5000)}) x) -> ()`;
    expect(reject(deepList).reason).toContain('nested more than');
  });

  it('takes linear time on long hostile input (no backtracking)', () => {
    // A long run of list suffixes is a type nested too deep; a long run of alias sets is fine.
    expect(reject(`aten::f(int${'[]'.repeat(20_000)} x) -> ()`).reason).toContain('nested more than');
    expect(reject(`aten::f(int${'?'.repeat(20_000)} x) -> ()`).reason).toContain('nested more than');
    const sets = Array.from({ length: 5000 }, (_, i) => `s${i}`).join('|');
    expect(parseSchema(`aten::f(Tensor(${sets}) x) -> ()`).arguments[0].aliasInfo?.beforeSets).toHaveLength(5000);
    expect(reject(`aten::f(str x='${'\\\\'.repeat(50_000)}) -> ()`).reason).toContain('unterminated string');
  });
});
