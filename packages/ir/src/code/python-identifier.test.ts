import { describe, expect, it } from 'vitest';
import {
  debugNameBase,
  isValidIdentifier,
  makeValidIdentifier,
  RESERVED_NAMES,
  utf8Length,
} from './python-identifier.js';

describe('python identifiers', () => {
  it('accepts ASCII identifiers only', () => {
    expect(isValidIdentifier('x')).toBe(true);
    expect(isValidIdentifier('_0')).toBe(true);
    expect(isValidIdentifier('weight_ih_l0')).toBe(true);
    expect(isValidIdentifier('0')).toBe(false);
    expect(isValidIdentifier('')).toBe(false);
    expect(isValidIdentifier('a.b')).toBe(false);
    expect(isValidIdentifier('café')).toBe(false);
  });

  it('makes identifiers as PyTorch does (a byte of UTF-8 per underscore)', () => {
    expect(makeValidIdentifier('x')).toBe('x');
    expect(makeValidIdentifier('a.b')).toBe('a_b');
    expect(makeValidIdentifier('0')).toBe('_0');
    expect(makeValidIdentifier('')).toBe('_');
    expect(makeValidIdentifier('é')).toBe('__');
    expect(makeValidIdentifier('a☃')).toBe('a___');
  });

  it('strips only a numeric uniquing suffix', () => {
    expect(debugNameBase('x.3')).toBe('x');
    expect(debugNameBase('self.lin.weight')).toBe('self.lin.weight');
    expect(debugNameBase('a.b.12')).toBe('a.b');
    expect(debugNameBase('x.')).toBe('x.');
    expect(debugNameBase('x')).toBe('x');
  });

  it('reserves keywords and the names code reads from its environment', () => {
    for (const name of ['if', 'ops', 'CONSTANTS', 'inf', '_', 'unchecked_cast', 'fork']) {
      expect(RESERVED_NAMES.has(name)).toBe(true);
    }
    expect(RESERVED_NAMES.has('x')).toBe(false);
  });

  it('measures UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('☃')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
});
