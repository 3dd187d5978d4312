import { describe, expect, it } from 'vitest';
import { IRParseError } from './ir-parse-error.js';
import { JitError } from './jit-error.js';
import { SchemaParseError } from './schema-parse-error.js';

describe('IRParseError', () => {
  it('names line and column and quotes the line with a caret', () => {
    const text = 'graph(%x : Tensor):\n  %y : Tenser = aten::neg(%x)\n  return (%y)\n';
    const offset = text.indexOf('Tenser');
    const error = new IRParseError(text, offset, "unknown type 'Tenser'");
    expect(error.code).toBe('ERR_TSJIT_IR_PARSE');
    expect(error.line).toBe(2);
    expect(error.column).toBe(8);
    expect(error.reason).toBe("unknown type 'Tenser'");
    const [first, quoted, caret] = error.message.split('\n');
    expect(first).toBe("unknown type 'Tenser' (at line 2, column 8):");
    expect(quoted).toBe('      %y : Tenser = aten::neg(%x)');
    expect(quoted.slice(caret.indexOf('^'))).toMatch(/^Tenser/);
  });

  it('is a JitError, recognised by its own marker', () => {
    const error = new IRParseError('x', 0, 'bad');
    expect(JitError.isInstance(error)).toBe(true);
    expect(IRParseError.isInstance(error)).toBe(true);
    expect(SchemaParseError.isInstance(error)).toBe(false);
    expect(IRParseError.isInstance(new SchemaParseError('x', 0, 'bad'))).toBe(false);
  });

  it('quotes only the neighbourhood of the problem on a very long line', () => {
    const text = `${'a'.repeat(1000)}!${'b'.repeat(1000)}`;
    const error = new IRParseError(text, 1000, 'unexpected');
    const [, quoted, caret] = error.message.split('\n');
    expect(quoted.length).toBeLessThan(200);
    expect(quoted[caret.indexOf('^')]).toBe('!');
  });
});
