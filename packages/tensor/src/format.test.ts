import { InternalError } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_OPTIONS, formatTensor } from './format.js';

describe('formatTensor', () => {
  it("uses torch.set_printoptions' defaults", () => {
    expect(DEFAULT_PRINT_OPTIONS).toEqual({
      precision: 4,
      threshold: 1000,
      edgeitems: 3,
      linewidth: 80,
      sciMode: null,
    });
    expect(Object.isFrozen(DEFAULT_PRINT_OPTIONS)).toBe(true);
    expect(formatTensor({ dtype: 'float32', sizes: [2], values: [1.25, 2] })).toBe('tensor([1.2500, 2.0000])');
  });

  it('treats undefined options as not given', () => {
    expect(formatTensor({ dtype: 'float32', sizes: [1], values: [0.5] }, { precision: undefined })).toBe(
      'tensor([0.5000])',
    );
  });

  it('prints int64 the same from bigint and number values, beyond 2**53 too', () => {
    const fromBigints = formatTensor({ dtype: 'int64', sizes: [2], values: [2n ** 60n, -3n] });
    expect(fromBigints).toBe('tensor([1152921504606846976,                  -3])');
    expect(formatTensor({ dtype: 'int64', sizes: [2], values: [2 ** 60, -3] })).toBe(fromBigints);
  });

  it('prints bool from booleans or 0/1 numbers', () => {
    expect(formatTensor({ dtype: 'bool', sizes: [2], values: [1, 0] })).toBe('tensor([ True, False])');
    expect(formatTensor({ dtype: 'bool', sizes: [], values: [false] })).toBe('tensor(False)');
  });

  it('formats float32 values as float32 even when given unrounded doubles', () => {
    // 0.1 as float32 is 0.100000001490116..., so 1e-9 steps below it stay equal to it.
    const a = formatTensor({ dtype: 'float32', sizes: [2], values: [0.1, 0.1 - 1e-12] }, { precision: 10 });
    expect(a).toBe('tensor([0.1000000015, 0.1000000015])');
    const b = formatTensor({ dtype: 'float64', sizes: [1], values: [0.1] }, { precision: 20 });
    expect(b).toBe('tensor([0.10000000000000000555], dtype=torch.float64)');
  });

  it('keeps the whole vector as the tail when edgeitems is 0, as self[-0:] does in Python', () => {
    expect(formatTensor({ dtype: 'int64', sizes: [4], values: [1, 2, 3, 4] }, { threshold: 2, edgeitems: 0 })).toBe(
      'tensor([ ..., 1, 2, 3, 4])',
    );
  });

  it('rejects records whose values do not match their sizes', () => {
    expect(() => formatTensor({ dtype: 'float32', sizes: [2, 2], values: [1, 2, 3] })).toThrow(
      /3 values for sizes \[2,2\] \(numel 4\)/,
    );
    expect(() => formatTensor({ dtype: 'float32', sizes: [-1], values: [] })).toThrow(/non-negative integers/);
    let caught: unknown;
    try {
      formatTensor({ dtype: 'float32', sizes: [1.5], values: [] });
    } catch (error) {
      caught = error;
    }
    expect(InternalError.isInstance(caught)).toBe(true);
  });

  it.each([
    [{ precision: -1 }, /precision must be an integer in \[0, 100\], got -1/],
    [{ precision: 2.5 }, /precision must be an integer/],
    [{ edgeitems: -2 }, /edgeitems must be a non-negative integer, got -2/],
    [{ threshold: Number.NaN }, /threshold must be a number/],
    [{ linewidth: Number.POSITIVE_INFINITY }, /linewidth must be a finite number/],
    [{ sciMode: 'yes' as unknown as boolean }, /sciMode must be true, false or null, got yes/],
  ])('rejects the print options %j', (options, message) => {
    expect(() => formatTensor({ dtype: 'float32', sizes: [1], values: [1] }, options)).toThrow(RangeError);
    expect(() => formatTensor({ dtype: 'float32', sizes: [1], values: [1] }, options)).toThrow(message);
  });
});
