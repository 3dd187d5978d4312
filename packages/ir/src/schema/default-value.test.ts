import { describe, expect, it } from 'vitest';
import { ListType } from '../types/list-type.js';
import { IntType, SymIntType } from '../types/simple-types.js';
import { floatValue, formatDefaultValue, formatFloat, intValue, quoteString } from './default-value.js';

describe('formatFloat (PyTorch prints doubles as "N." or %.17g)', () => {
  // Expected strings are what torch 1.13 prints for `float x=<input>`.
  const cases: [number, string][] = [
    [1, '1.'],
    [-100, '-100.'],
    [0, '0.'],
    [-0, '0.'],
    [1e16, '10000000000000000.'],
    [9.2e18, '9200000000000000000.'],
    [9.3e18, '9.3e+18'],
    [1e-5, '1.0000000000000001e-05'],
    [-1e-5, '-1.0000000000000001e-05'],
    [0.1, '0.10000000000000001'],
    [1.5e-7, '1.4999999999999999e-07'],
    [1e300, '1.0000000000000001e+300'],
    [0.0001, '0.0001'],
    [1e-16, '9.9999999999999998e-17'],
    [123456.789, '123456.789'],
    [4503599627370495.5, '4503599627370495.5'],
    [2.5e-5, '2.5000000000000001e-05'],
    [1 / 3, '0.33333333333333331'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-300, '5e-300'],
    [-7.312715117751976e-11, '-7.3127151177519758e-11'],
    [-4.898619485211566e16, '-48986194852115664.'],
    [0.03031859454455259, '0.030318594544552591'],
    [7866340851.152702, '7866340851.1527023'],
  ];
  it.each(cases)('%s -> %s', (value, text) => expect(formatFloat(value)).toBe(text));

  it('spells the non-finite values as C++ does', () => {
    expect(formatFloat(Number.POSITIVE_INFINITY)).toBe('inf');
    expect(formatFloat(Number.NEGATIVE_INFINITY)).toBe('-inf');
    expect(formatFloat(Number.NaN)).toBe('nan');
  });
});

describe('quoteString', () => {
  it('escapes like PyTorch: quotes, backslash, named control escapes, octal for the rest', () => {
    expect(quoteString('linear')).toBe('"linear"');
    expect(quoteString(`"'\\`)).toBe(`"\\"\\'\\\\"`);
    expect(quoteString(' \n\t\f\v')).toBe('" \\n\\t\\f\\v"');
    expect(quoteString('\x01\x7f')).toBe('"\\001\\177"');
    expect(quoteString('é')).toBe('"é"');
  });
});

describe('formatDefaultValue', () => {
  it('prints each kind of value', () => {
    expect(formatDefaultValue(null)).toBe('None');
    expect(formatDefaultValue(true)).toBe('True');
    expect(formatDefaultValue(false)).toBe('False');
    expect(formatDefaultValue(intValue(-1))).toBe('-1');
    expect(formatDefaultValue(intValue(9223372036854775807n))).toBe('9223372036854775807');
    expect(formatDefaultValue(floatValue(1))).toBe('1.');
    expect(formatDefaultValue([floatValue(1), floatValue(2.5)])).toBe('[1., 2.5]');
    expect(formatDefaultValue([])).toBe('[]');
    expect(formatDefaultValue('mean')).toBe('"mean"');
  });

  it('prints an int[] of equal values as one value, but not a SymInt[]', () => {
    const ones = [intValue(1), intValue(1)];
    expect(formatDefaultValue(ones, ListType.of(IntType.get()))).toBe('1');
    expect(formatDefaultValue(ones, ListType.of(SymIntType.get()))).toBe('[1, 1]');
    expect(formatDefaultValue([intValue(1)], ListType.of(IntType.get()))).toBe('[1]');
    expect(formatDefaultValue([intValue(-2), intValue(-1)], ListType.of(IntType.get()))).toBe('[-2, -1]');
  });

  it('refuses unsafe integers as numbers', () => {
    expect(() => intValue(2 ** 60)).toThrow(RangeError);
  });
});
