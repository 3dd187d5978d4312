import { DictType, FloatType, IntType, ListType, OptionalType, StringType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { pythonFloat, pythonRepr, pythonString } from '../src/python-repr.js';

// Expected texts are CPython 3's repr() of the same values.
describe("python-repr: how `tsjit run` prints a method's result", () => {
  it('floats as Python repr prints them', () => {
    const cases: [number, string][] = [
      [1e16, '1e+16'],
      [1e-5, '1e-05'],
      [0.0001, '0.0001'],
      [123456789012345.6, '123456789012345.6'],
      [2, '2.0'],
      [-0, '-0.0'],
      [1.5e300, '1.5e+300'],
      [5e-324, '5e-324'],
      [0.1 + 0.2, '0.30000000000000004'],
      [1234567890123456, '1234567890123456.0'],
      [-2.5e-7, '-2.5e-07'],
      [100, '100.0'],
      [Number.NaN, 'nan'],
      [Number.NEGATIVE_INFINITY, '-inf'],
    ];
    for (const [x, text] of cases) expect(pythonFloat(x), String(x)).toBe(text);
  });

  it('strings with their quotes and escapes', () => {
    expect(pythonString("it's")).toBe('"it\'s"');
    expect(pythonString('a"b')).toBe("'a\"b'");
    expect(pythonString('x\ny\\')).toBe("'x\\ny\\\\'");
  });

  it('containers, with the declared type telling an integral float from an int', () => {
    const type = DictType.of(StringType.get(), ListType.of(OptionalType.of(FloatType.get())));
    const value = new Map([['a', [1, 2.5, null]]]);
    expect(pythonRepr(value, type)).toBe("{'a': [1.0, 2.5, None]}");
    expect(pythonRepr(value)).toBe("{'a': [1, 2.5, None]}");
    expect(pythonRepr(Object.freeze([3]), undefined)).toBe('(3,)');
    expect(pythonRepr(Object.freeze([true, 7n, 'x']))).toBe("(True, 7, 'x')");
    expect(pythonRepr(4, IntType.get())).toBe('4');
    expect(pythonRepr(4, FloatType.get())).toBe('4.0');
  });
});
