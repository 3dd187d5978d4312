import { JitError } from '@tsjit/ir';
import { type DType, dtypes, itemSize } from '@tsjit/kernels';
import { describe, expect, it } from 'vitest';
import { NpyError } from './errors/npy-error.js';
import { type NpyArray, parseNpy, serializeNpy } from './npy.js';

const encoder = new TextEncoder();

/** A version-1.0 file with the given header text (padded like numpy) and data. */
function npyFile(header: string, data: ArrayLike<number> = [], version = 1): Uint8Array {
  const lengthSize = version === 1 ? 2 : 4;
  const unpadded = 8 + lengthSize + header.length + 1;
  const text = header + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const headerBytes = version === 3 ? encoder.encode(text) : Uint8Array.from(text, (c) => c.charCodeAt(0));
  const out = new Uint8Array(8 + lengthSize + headerBytes.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerBytes.length, true);
  else view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 8 + lengthSize);
  out.set(data, 8 + lengthSize + headerBytes.length);
  return out;
}

function headerOf(file: Uint8Array): string {
  const length = new DataView(file.buffer, file.byteOffset).getUint16(8, true);
  return String.fromCharCode(...file.subarray(10, 10 + length));
}

function expectNpyError(run: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(NpyError.isInstance(caught), `expected an NpyError, got ${String(caught)}`).toBe(true);
  expect((caught as NpyError).code).toBe('ERR_TSJIT_NPY');
  expect((caught as NpyError).message).toMatch(message);
}

function pattern(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 0xff);
}

describe('NpyError', () => {
  it('is a JitError with its own code and marker', () => {
    const error = new NpyError('bad');
    expect(JitError.isInstance(error)).toBe(true);
    expect(NpyError.isInstance(error)).toBe(true);
    expect(NpyError.isInstance(new JitError('ERR_TSJIT_OTHER', 'x'))).toBe(false);
    expect(error.name).toBe('NpyError');
    expect(error.code).toBe('ERR_TSJIT_NPY');
  });
});

describe('serializeNpy', () => {
  it("writes numpy's header dict and pads the data to a multiple of 64 bytes", () => {
    const file = serializeNpy({ dtype: 'float32', sizes: [2, 3], data: new Uint8Array(24) });
    const header = headerOf(file);
    expect(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }")).toBe(true);
    expect(header.endsWith('\n')).toBe(true);
    expect(header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    expect((10 + header.length) % 64).toBe(0);
    expect(file.length).toBe(10 + header.length + 24);
    expect([...file.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  });

  it.each([
    [[], '()'],
    [[5], '(5,)'],
    [[0, 3], '(0, 3)'],
    [[2, 1, 4], '(2, 1, 4)'],
  ])('spells sizes %j as the Python tuple %s', (sizes, tuple) => {
    const numel = sizes.reduce((a, b) => a * b, 1);
    const header = headerOf(serializeNpy({ dtype: 'int8', sizes, data: new Uint8Array(numel) }));
    expect(header).toContain(`'shape': ${tuple}, }`);
    expect(header).toContain("'descr': '|i1'");
  });

  it.each([
    ['float64', '<f8'],
    ['float32', '<f4'],
    ['float16', '<f2'],
    ['int64', '<i8'],
    ['int32', '<i4'],
    ['int16', '<i2'],
    ['int8', '|i1'],
    ['uint8', '|u1'],
    ['bool', '|b1'],
  ] as [DType, string][])('writes %s with descr %s', (dtype, descr) => {
    expect(headerOf(serializeNpy({ dtype, sizes: [1], data: new Uint8Array(itemSize[dtype]) }))).toContain(
      `{'descr': '${descr}',`,
    );
  });

  it('rejects bfloat16, which numpy does not have', () => {
    expectNpyError(
      () => serializeNpy({ dtype: 'bfloat16', sizes: [2], data: new Uint8Array(4) }),
      /numpy has no bfloat16 dtype.*convert it to float32/,
    );
  });

  it('rejects data whose length does not match the sizes, and bad sizes', () => {
    expectNpyError(
      () => serializeNpy({ dtype: 'int32', sizes: [2, 2], data: new Uint8Array(15) }),
      /data has 15 bytes, but sizes \(2, 2\) of int32 need 16/,
    );
    expectNpyError(
      () => serializeNpy({ dtype: 'int32', sizes: [-1], data: new Uint8Array(0) }),
      /sizes must be non-negative integers/,
    );
    expectNpyError(
      () => serializeNpy({ dtype: 'int32', sizes: [1.5], data: new Uint8Array(0) }),
      /sizes must be non-negative integers/,
    );
  });
});

describe('parseNpy round trips', () => {
  const shapes = [[], [0], [7], [3, 0, 2], [2, 3], [2, 3, 4], [1, 1, 1, 5]];
  for (const dtype of dtypes.filter((d) => d !== 'bfloat16')) {
    it(`reads back what serializeNpy wrote for ${dtype}`, () => {
      for (const sizes of shapes) {
        const numel = sizes.reduce((a, b) => a * b, 1);
        let data = pattern(numel * itemSize[dtype]);
        if (dtype === 'bool') data = data.map((b) => b & 1);
        const array: NpyArray = { dtype, sizes, data };
        const file = serializeNpy(array);
        const back = parseNpy(file);
        expect(back).toEqual(array);
        // save -> load -> save is byte-stable.
        expect(serializeNpy(back)).toEqual(file);
      }
    });
  }

  it('returns data that owns its buffer from offset 0, so typed-array views are aligned', () => {
    const file = serializeNpy({
      dtype: 'float64',
      sizes: [3],
      data: new Uint8Array(new Float64Array([1, 2, 3]).buffer),
    });
    const back = parseNpy(file);
    expect(back.data.byteOffset).toBe(0);
    expect([...new Float64Array(back.data.buffer)]).toEqual([1, 2, 3]);
    back.data[0] = 99;
    expect(file[file.length - 24]).not.toBe(99);
  });
});

describe('parseNpy header variants', () => {
  it('accepts any key order, double quotes, extra spaces and no trailing comma', () => {
    const a = parseNpy(npyFile('{"shape":(2,),"fortran_order":False,"descr":"<i2"}', [1, 0, 2, 0]));
    expect(a).toEqual({ dtype: 'int16', sizes: [2], data: Uint8Array.from([1, 0, 2, 0]) });
  });

  it('swaps big-endian data and reads 1-byte types with any byte-order mark', () => {
    const a = parseNpy(
      npyFile("{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }", [0, 0, 1, 2, 255, 255, 255, 254]),
    );
    expect([...new Int32Array(a.data.buffer)]).toEqual([0x0102, -2]);
    expect(parseNpy(npyFile("{'descr': '>u1', 'fortran_order': False, 'shape': (1,), }", [7])).dtype).toBe('uint8');
    expect(parseNpy(npyFile("{'descr': '?', 'fortran_order': False, 'shape': (1,), }", [1])).dtype).toBe('bool');
  });

  it('transposes Fortran-order data into C order', () => {
    // Column-major [[0, 1, 2], [3, 4, 5]] is stored as 0 3 1 4 2 5.
    const a = parseNpy(npyFile("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }", [0, 3, 1, 4, 2, 5]));
    expect([...a.data]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('normalises bool bytes to 0 and 1', () => {
    const a = parseNpy(npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", [0, 2, 255]));
    expect([...a.data]).toEqual([0, 1, 1]);
  });

  it("reads Python 2's long suffix in versions 1.0 and 2.0 but not 3.0", () => {
    const header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2L,), }";
    expect(parseNpy(npyFile(header, [1, 2])).sizes).toEqual([2]);
    expect(parseNpy(npyFile(header, [1, 2], 2)).sizes).toEqual([2]);
    expectNpyError(() => parseNpy(npyFile(header, [1, 2], 3)), /cannot parse the header: not an integer literal/);
  });

  it('reads versions 2.0 and 3.0 (4-byte header length)', () => {
    const header = "{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }";
    expect(parseNpy(npyFile(header, [5, 0], 2)).data).toEqual(Uint8Array.from([5, 0]));
    expect(parseNpy(npyFile(header, [5, 0], 3)).data).toEqual(Uint8Array.from([5, 0]));
  });
});

describe('parseNpy rejects malformed files', () => {
  const ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), /not a \.npy file/],
    ['a bad magic string', () => Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x58, 1, 0, 0, 0]), /magic string/],
    [
      'an unsupported version',
      () => {
        const f = npyFile(ok, new Uint8Array(8));
        f[6] = 4;
        return f;
      },
      /unsupported \.npy format version 4\.0/,
    ],
    [
      'a minor version',
      () => {
        const f = npyFile(ok, new Uint8Array(8));
        f[7] = 1;
        return f;
      },
      /unsupported \.npy format version 1\.1/,
    ],
    [
      'a missing header length',
      () => Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 1]),
      /ends inside the header length/,
    ],
    [
      'a header length past the end',
      () => {
        const f = npyFile(ok, new Uint8Array(8));
        new DataView(f.buffer).setUint16(8, 60000, true);
        return f;
      },
      /header length \(60000 bytes\) runs past the end of the file \(136 bytes\)/,
    ],
    [
      'a header that is not a dict',
      () => npyFile("['descr', 'shape']"),
      /the header is not a dictionary: \['descr', 'shape'\]/,
    ],
    [
      'an unterminated dict',
      () => npyFile("{'descr': '<f4', 'shape': (2,)"),
      /cannot parse the header: expected ',' or '}'/,
    ],
    [
      'a call in the header',
      () => npyFile("{'descr': dtype('<f4'), 'fortran_order': False, 'shape': (2,)}"),
      /'dtype' is not a literal/,
    ],
    ['text after the dict', () => npyFile(`${ok} x`), /unexpected text after the dictionary/],
    ['an unterminated string', () => npyFile("{'descr: '<f4'}"), /cannot parse the header/],
    [
      'deep nesting',
      () => npyFile(`{'shape': ${'('.repeat(1000)}${')'.repeat(1000)}}`),
      /nesting deeper than 32 levels/,
    ],
    ['a missing key', () => npyFile("{'descr': '<f4', 'shape': (2,), }"), /correct keys: \['descr', 'shape'\]/],
    [
      'an extra key',
      () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}"),
      /correct keys: \['descr', 'fortran_order', 'shape', 'x'\]/,
    ],
    [
      'a repeated key',
      () => npyFile("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}"),
      /repeats the key 'descr'/,
    ],
    [
      'a non-string key',
      () => npyFile("{1: '<f4', 'fortran_order': False, 'shape': (2,)}"),
      /key that is not a string: 1/,
    ],
    [
      'an object array',
      () => npyFile("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }"),
      /object arrays .*'\|O'.* not supported/,
    ],
    [
      'complex',
      () => npyFile("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }"),
      /unsupported dtype descr '<c8' \(complex\)/,
    ],
    [
      'strings',
      () => npyFile("{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }"),
      /unsupported dtype descr '<U3' \(unicode string\)/,
    ],
    [
      'uint16',
      () => npyFile("{'descr': '<u2', 'fortran_order': False, 'shape': (2,), }"),
      /'<u2' \(unsigned integer\)/,
    ],
    [
      'a structured dtype',
      () => npyFile("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }"),
      /structured dtypes are not supported/,
    ],
    [
      'a non-string descr',
      () => npyFile("{'descr': 4, 'fortran_order': False, 'shape': (2,), }"),
      /descr is not a valid dtype descriptor: 4/,
    ],
    [
      'a list shape',
      () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': [2], }"),
      /shape is not valid: \[2\]/,
    ],
    [
      'an int shape',
      () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2), }"),
      /shape is not valid: 2/,
    ],
    [
      'a float size',
      () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,), }"),
      /cannot parse the header/,
    ],
    [
      'a string size',
      () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': ('2',), }"),
      /shape is not valid: \('2',\)/,
    ],
    ['a negative size', () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }"), /negative size/],
    [
      'an absurd size',
      () => npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 100000000000000000000), }"),
      /absurd size/,
    ],
    [
      'a product past maxBytes',
      () => npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"),
      /needs 147573952589676412928 bytes of data, more than maxBytes \(2147483648\)/,
    ],
    [
      'a non-bool fortran_order',
      () => npyFile("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }"),
      /fortran_order is not a valid bool: 0/,
    ],
    [
      'truncated data',
      () => npyFile(ok, new Uint8Array(7)),
      /data is truncated: shape \(2,\) of float32 needs 8 bytes, the file has 7/,
    ],
    ['trailing bytes', () => npyFile(ok, new Uint8Array(9)), /1 unexpected bytes after the data/],
    [
      'a version 3.0 header that is not UTF-8',
      () => {
        const f = npyFile(ok, new Uint8Array(8), 3);
        f[12] = 0xff;
        return f;
      },
      /not valid UTF-8/,
    ],
  ];
  it.each(cases)('rejects %s', (_name, make, message) => {
    expectNpyError(() => parseNpy(make()), message);
  });

  it('honours maxBytes and maxHeaderSize', () => {
    const file = npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new Uint8Array(32));
    expect(parseNpy(file, { maxBytes: 32 }).sizes).toEqual([4]);
    expectNpyError(() => parseNpy(file, { maxBytes: 31 }), /needs 32 bytes of data, more than maxBytes \(31\)/);
    expectNpyError(
      () => parseNpy(file, { maxHeaderSize: 50 }),
      /header \(118 characters\) is longer than maxHeaderSize \(50\)/,
    );
    expectNpyError(
      () => parseNpy(file, { maxHeaderSize: 20 }),
      /header \(118 bytes\) is longer than maxHeaderSize \(20 characters\)/,
    );
  });

  it('rejects a huge version 2.0 header before decoding it', () => {
    const file = npyFile(`{'descr': '<f8', 'fortran_order': False, 'shape': (4,), ${' '.repeat(50_000)}}`, [], 2);
    expectNpyError(() => parseNpy(file), /header \(50100 bytes\) is longer than maxHeaderSize \(10000 characters\)/);
  });

  it.each([
    [{ maxBytes: -1 }, /maxBytes must be a non-negative integer, got -1/],
    [{ maxBytes: Number.POSITIVE_INFINITY }, /maxBytes must be a non-negative integer, got Infinity/],
    [{ maxHeaderSize: 1.5 }, /maxHeaderSize must be a non-negative integer, got 1.5/],
  ])('rejects the options %j with a RangeError', (options, message) => {
    const file = serializeNpy({ dtype: 'uint8', sizes: [1], data: Uint8Array.of(1) });
    expect(() => parseNpy(file, options)).toThrow(RangeError);
    expect(() => parseNpy(file, options)).toThrow(message);
  });
});
