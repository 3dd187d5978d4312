import { describe, expect, it } from 'vitest';
import { InternalError, invariant } from './internal-error.js';
import { JitError } from './jit-error.js';
import { SchemaParseError } from './schema-parse-error.js';

describe('JitError', () => {
  it('carries a code, a name and the message', () => {
    const error = new JitError('ERR_TSJIT_TEST', 'something went wrong');
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('ERR_TSJIT_TEST');
    expect(error.name).toBe('JitError');
    expect(error.message).toBe('something went wrong');
  });

  it('keeps the cause', () => {
    const cause = new Error('root');
    expect(new JitError('ERR_TSJIT_TEST', 'outer', { cause }).cause).toBe(cause);
  });

  it('recognises its family with isInstance, per class', () => {
    const parse = new SchemaParseError('f(', 2, 'oops');
    const internal = new InternalError('broken');
    expect(JitError.isInstance(parse)).toBe(true);
    expect(JitError.isInstance(internal)).toBe(true);
    expect(SchemaParseError.isInstance(parse)).toBe(true);
    expect(SchemaParseError.isInstance(internal)).toBe(false);
    expect(InternalError.isInstance(parse)).toBe(false);
    expect(InternalError.isInstance(internal)).toBe(true);
    expect(JitError.isInstance(new Error('plain'))).toBe(false);
    expect(JitError.isInstance(null)).toBe(false);
    expect(JitError.isInstance('JitError')).toBe(false);
  });

  it('recognises an error from another copy of the package by its Symbol.for marker', () => {
    // What a SchemaParseError made by a second copy of @tsjit/ir looks like to this copy.
    const foreign = new Error('from elsewhere');
    Object.defineProperty(foreign, Symbol.for('tsjit.JitError'), { value: true });
    Object.defineProperty(foreign, Symbol.for('tsjit.SchemaParseError'), { value: true });
    expect(JitError.isInstance(foreign)).toBe(true);
    expect(SchemaParseError.isInstance(foreign)).toBe(true);
    expect(InternalError.isInstance(foreign)).toBe(false);
  });
});

describe('InternalError', () => {
  it('says it is a bug and has its own code', () => {
    const error = new InternalError('use list out of sync');
    expect(error.code).toBe('ERR_TSJIT_INTERNAL');
    expect(error.name).toBe('InternalError');
    expect(error.message).toMatch(/bug in tsjit.*use list out of sync/);
  });

  it('is thrown by invariant() when the condition fails', () => {
    expect(() => invariant(1 + 1 === 2, 'arithmetic')).not.toThrow();
    expect(() => invariant(false, 'node has no owning graph')).toThrow(/node has no owning graph/);
    try {
      invariant(0, 'zero');
    } catch (error) {
      expect(InternalError.isInstance(error)).toBe(true);
    }
  });
});

describe('SchemaParseError', () => {
  it('quotes the text with a caret under the column of the problem', () => {
    const text = 'aten::f(Tenser x) -> ()';
    const error = new SchemaParseError(text, 8, "unknown type 'Tenser'");
    expect(error.code).toBe('ERR_TSJIT_SCHEMA_PARSE');
    expect(error.text).toBe(text);
    expect(error.reason).toBe("unknown type 'Tenser'");
    expect(error.offset).toBe(8);
    expect(error.column).toBe(9);
    expect(error.line).toBe(1);
    const [first, quoted, caret] = error.message.split('\n');
    expect(first).toBe("unknown type 'Tenser' (at column 9):");
    expect(quoted).toBe(`    ${text}`);
    expect(caret.indexOf('^') - 4).toBe(8);
    expect(quoted.slice(caret.indexOf('^'))).toMatch(/^Tenser/);
  });

  it('names the line for multi-line text and quotes only that line', () => {
    const error = new SchemaParseError('aten::f(int x,\n  Bad y) -> ()', 17, "unknown type 'Bad'");
    expect(error.line).toBe(2);
    expect(error.column).toBe(3);
    expect(error.message).toContain('(at line 2, column 3)');
    expect(error.message).toContain('\n      Bad y) -> ()\n      ^');
  });
});
