import { type DType, itemSize } from '@tsjit/kernels';
import { NpyError } from './errors/npy-error.js';

/** An array as a `.npy` file holds it: dtype, sizes and the raw elements in C order, little-endian. */
export interface NpyArray {
  dtype: DType;
  sizes: number[];
  /** numel * itemSize bytes, C-contiguous (row-major), little-endian. */
  data: Uint8Array;
}

export interface ParseNpyOptions {
  /** The largest data section accepted, in bytes (default 2 GiB): a guard against hostile headers. */
  maxBytes?: number;
  /** The longest header accepted, in characters (default 10000, numpy's own limit since 1.24). */
  maxHeaderSize?: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const MAGIC_LENGTH = 8; // the magic string plus the two version bytes
const ARRAY_ALIGN = 64;
// numpy leaves room to grow the first axis in place (numpy.lib.format.GROWTH_AXIS_MAX_DIGITS).
const GROWTH_AXIS_MAX_DIGITS = 21;
const DEFAULT_MAX_BYTES = 2 ** 31;
const DEFAULT_MAX_HEADER_SIZE = 10_000;
// numpy 2 allows 64 dimensions; anything beyond is not an array numpy could have written.
const MAX_DIMS = 64;
const MAX_NESTING = 32;

const DESCR_OF: Readonly<Record<DType, string | undefined>> = {
  float64: '<f8',
  float32: '<f4',
  float16: '<f2',
  bfloat16: undefined,
  int64: '<i8',
  int32: '<i4',
  int16: '<i2',
  int8: '|i1',
  uint8: '|u1',
  bool: '|b1',
};

// Type codes (after the byte-order character) that name a dtype we hold; numpy.dtype() accepts each.
const DTYPE_OF_CODE: Readonly<Record<string, DType>> = {
  f8: 'float64',
  d: 'float64',
  f4: 'float32',
  f: 'float32',
  f2: 'float16',
  e: 'float16',
  i8: 'int64',
  q: 'int64',
  i4: 'int32',
  i: 'int32',
  i2: 'int16',
  h: 'int16',
  i1: 'int8',
  b: 'int8',
  u1: 'uint8',
  B: 'uint8',
  b1: 'bool',
  '?': 'bool',
};

const KIND_NAMES: Readonly<Record<string, string>> = {
  c: 'complex',
  U: 'unicode string',
  S: 'byte string',
  a: 'byte string',
  V: 'void (raw or structured)',
  M: 'datetime',
  m: 'timedelta',
  u: 'unsigned integer',
};

/**
 * Reads a `.npy` file (format 1.0, 2.0 or 3.0). The input is treated as untrusted: every malformed
 * or unsupported file raises an NpyError. Big-endian data is swapped and Fortran-order data is
 * transposed, so the result is always C-contiguous little-endian. Bool bytes other than 0 are read
 * as 1 (numpy treats any non-zero byte as True; the kernels expect 0 or 1).
 */
export function parseNpy(bytes: Uint8Array, options: ParseNpyOptions = {}): NpyArray {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxHeaderSize = options.maxHeaderSize ?? DEFAULT_MAX_HEADER_SIZE;
  for (const [name, value] of [
    ['maxBytes', maxBytes],
    ['maxHeaderSize', maxHeaderSize],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`parseNpy: ${name} must be a non-negative integer, got ${value}`);
    }
  }
  if (bytes.length < MAGIC_LENGTH || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new NpyError('not a .npy file: it does not start with the magic string \\x93NUMPY');
  }
  const major = bytes[6];
  const minor = bytes[7];
  if (minor !== 0 || major < 1 || major > 3) {
    throw new NpyError(`unsupported .npy format version ${major}.${minor} (1.0, 2.0 and 3.0 are supported)`);
  }
  const lengthSize = major === 1 ? 2 : 4;
  const headerStart = MAGIC_LENGTH + lengthSize;
  if (bytes.length < headerStart) {
    throw new NpyError(`the file ends inside the header length field (${bytes.length} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(MAGIC_LENGTH, true) : view.getUint32(MAGIC_LENGTH, true);
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) {
    throw new NpyError(
      `the header length (${headerLength} bytes) runs past the end of the file (${bytes.length} bytes)`,
    );
  }
  // A UTF-8 character takes at most 4 bytes: a header this long cannot pass the check below, and
  // rejecting it here spares decoding megabytes of hostile text.
  if (headerLength > 4 * maxHeaderSize) {
    throw new NpyError(
      `the header (${headerLength} bytes) is longer than maxHeaderSize (${maxHeaderSize} characters); ` +
        'a header this large is not one numpy writes for a plain array',
    );
  }
  const headerBytes = bytes.subarray(headerStart, dataStart);
  let header: string;
  if (major === 3) {
    try {
      header = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
    } catch (cause) {
      throw new NpyError('the header of a version 3.0 file is not valid UTF-8', { cause });
    }
  } else {
    header = latin1(headerBytes);
  }
  if (header.length > maxHeaderSize) {
    throw new NpyError(
      `the header (${header.length} characters) is longer than maxHeaderSize (${maxHeaderSize}); ` +
        'a header this large is not one numpy writes for a plain array',
    );
  }

  const { dtype, swap, fortranOrder, sizes } = readHeader(header, major < 3);
  const size = itemSize[dtype];
  let numel = 1n;
  for (const s of sizes) numel *= BigInt(s);
  const byteLength = numel * BigInt(size);
  if (byteLength > BigInt(maxBytes)) {
    throw new NpyError(
      `shape ${pyTupleRepr(sizes)} needs ${byteLength} bytes of data, more than maxBytes (${maxBytes})`,
    );
  }
  const expected = Number(byteLength);
  const available = bytes.length - dataStart;
  if (available < expected) {
    throw new NpyError(
      `the data is truncated: shape ${pyTupleRepr(sizes)} of ${dtype} needs ${expected} bytes, the file has ${available}`,
    );
  }
  if (available > expected) {
    throw new NpyError(`the file has ${available - expected} unexpected bytes after the data (${expected} bytes)`);
  }

  let data: Uint8Array = bytes.slice(dataStart);
  if (swap && size > 1) swapBytes(data, size);
  if (fortranOrder && sizes.length > 1 && expected > 0) data = fortranToC(data, sizes, size);
  if (dtype === 'bool') for (let i = 0; i < data.length; i++) if (data[i] !== 0) data[i] = 1;
  return { dtype, sizes, data };
}

/**
 * Writes `a` as a version 1.0 `.npy` file, byte for byte as `numpy.save` does (the same header dict,
 * the same padding so that the data starts at a multiple of 64). Falls back to version 2.0 only for
 * a header too long for 1.0, as numpy does.
 */
export function serializeNpy(a: NpyArray): Uint8Array {
  const descr = DESCR_OF[a.dtype];
  if (descr === undefined) {
    if (a.dtype === 'bfloat16') {
      throw new NpyError('numpy has no bfloat16 dtype, so it cannot be saved as .npy; convert it to float32 first');
    }
    throw new NpyError(`cannot save dtype ${String(a.dtype)} as .npy`);
  }
  if (!Array.isArray(a.sizes) || a.sizes.length > MAX_DIMS) {
    throw new NpyError(`sizes must be an array of at most ${MAX_DIMS} sizes`);
  }
  let numel = 1;
  for (const s of a.sizes) {
    if (!Number.isSafeInteger(s) || s < 0) {
      throw new NpyError(`sizes must be non-negative integers, got ${pyTupleRepr(a.sizes)}`);
    }
    numel *= s;
  }
  const expected = numel * itemSize[a.dtype];
  if (a.data.length !== expected) {
    throw new NpyError(
      `data has ${a.data.length} bytes, but sizes ${pyTupleRepr(a.sizes)} of ${a.dtype} need ${expected}`,
    );
  }
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${pyTupleRepr(a.sizes)}, }`;
  if (a.sizes.length > 0) dict += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(a.sizes[0]).length);
  let major = 1;
  let lengthSize = 2;
  // +1 for the terminating newline; padding is 1..64 spaces (numpy pads a full block when already aligned).
  let padding = ARRAY_ALIGN - ((MAGIC_LENGTH + lengthSize + dict.length + 1) % ARRAY_ALIGN);
  if (dict.length + 1 + padding > 0xffff) {
    major = 2;
    lengthSize = 4;
    padding = ARRAY_ALIGN - ((MAGIC_LENGTH + lengthSize + dict.length + 1) % ARRAY_ALIGN);
  }
  const headerLength = dict.length + padding + 1;
  const out = new Uint8Array(MAGIC_LENGTH + lengthSize + headerLength + a.data.length);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(MAGIC_LENGTH, headerLength, true);
  else view.setUint32(MAGIC_LENGTH, headerLength, true);
  let at = MAGIC_LENGTH + lengthSize;
  for (let i = 0; i < dict.length; i++) out[at++] = dict.charCodeAt(i);
  out.fill(0x20, at, at + padding);
  at += padding;
  out[at++] = 0x0a;
  out.set(a.data, at);
  return out;
}

interface Header {
  dtype: DType;
  swap: boolean;
  fortranOrder: boolean;
  sizes: number[];
}

function readHeader(header: string, allowLongSuffix: boolean): Header {
  const dict = new PyLiteralParser(header, allowLongSuffix).parseTop();
  if (dict.kind !== 'dict') throw new NpyError(`the header is not a dictionary: ${pyRepr(dict)}`);
  const values = new Map<string, PyValue>();
  const keys: string[] = [];
  for (const [key, value] of dict.entries) {
    if (key.kind !== 'str') {
      throw new NpyError(`the header dictionary has a key that is not a string: ${pyRepr(key)}`);
    }
    if (values.has(key.value)) throw new NpyError(`the header dictionary repeats the key ${pyRepr(key)}`);
    values.set(key.value, value);
    keys.push(key.value);
  }
  const descr = values.get('descr');
  const fortran = values.get('fortran_order');
  const shape = values.get('shape');
  if (keys.length !== 3 || descr === undefined || fortran === undefined || shape === undefined) {
    throw new NpyError(
      `the header does not contain the correct keys: ${pyRepr({ kind: 'list', items: keys.sort().map((k) => ({ kind: 'str', value: k })) })} ` +
        "(expected exactly 'descr', 'fortran_order' and 'shape')",
    );
  }
  if (shape.kind !== 'tuple' || shape.items.some((x) => x.kind !== 'int')) {
    throw new NpyError(`shape is not valid: ${pyRepr(shape)} (expected a tuple of integers)`);
  }
  if (shape.items.length > MAX_DIMS) {
    throw new NpyError(`shape has ${shape.items.length} dimensions, more than ${MAX_DIMS}`);
  }
  const sizes: number[] = [];
  for (const item of shape.items) {
    const s = (item as { kind: 'int'; value: bigint }).value;
    if (s < 0n) throw new NpyError(`shape is not valid: ${pyRepr(shape)} has a negative size`);
    if (s > BigInt(Number.MAX_SAFE_INTEGER))
      throw new NpyError(`shape is not valid: ${pyRepr(shape)} has an absurd size`);
    sizes.push(Number(s));
  }
  if (fortran.kind !== 'bool') throw new NpyError(`fortran_order is not a valid bool: ${pyRepr(fortran)}`);
  return { ...readDescr(descr), fortranOrder: fortran.value, sizes };
}

function readDescr(descr: PyValue): { dtype: DType; swap: boolean } {
  if (descr.kind === 'list' || descr.kind === 'tuple') {
    throw new NpyError(`structured dtypes are not supported: descr ${pyRepr(descr)}`);
  }
  if (descr.kind !== 'str') throw new NpyError(`descr is not a valid dtype descriptor: ${pyRepr(descr)}`);
  const text = descr.value;
  let order = '=';
  let code = text;
  if (text.length > 0 && '<>|='.includes(text[0])) {
    order = text[0];
    code = text.slice(1);
  }
  if (code.startsWith('O')) {
    throw new NpyError(
      `object arrays (descr ${pyRepr(descr)}) are not supported: their elements are pickled Python objects`,
    );
  }
  const dtype = Object.hasOwn(DTYPE_OF_CODE, code) ? DTYPE_OF_CODE[code] : undefined;
  if (dtype === undefined) {
    const kind = KIND_NAMES[code[0]];
    throw new NpyError(
      `unsupported dtype descr ${pyRepr(descr)}${kind === undefined ? '' : ` (${kind})`}; supported are ` +
        'float64, float32, float16, int64, int32, int16, int8, uint8 and bool',
    );
  }
  return { dtype, swap: order === '>' };
}

function swapBytes(data: Uint8Array, size: number): void {
  for (let i = 0; i < data.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = data[a];
      data[a] = data[b];
      data[b] = t;
    }
  }
}

/** Reorders column-major elements into row-major order. */
function fortranToC(data: Uint8Array, sizes: number[], size: number): Uint8Array {
  const ndim = sizes.length;
  const fortranStrides = new Array<number>(ndim);
  let stride = size;
  for (let d = 0; d < ndim; d++) {
    fortranStrides[d] = stride;
    stride *= sizes[d];
  }
  const out = new Uint8Array(data.length);
  const index = new Array<number>(ndim).fill(0);
  let source = 0;
  for (let target = 0; target < out.length; target += size) {
    out.set(data.subarray(source, source + size), target);
    // Advance the C-order index (last dimension fastest) and follow it in the Fortran layout.
    for (let d = ndim - 1; d >= 0; d--) {
      index[d]++;
      source += fortranStrides[d];
      if (index[d] < sizes[d]) break;
      source -= fortranStrides[d] * sizes[d];
      index[d] = 0;
    }
  }
  return out;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function pyTupleRepr(sizes: readonly number[]): string {
  return sizes.length === 1 ? `(${sizes[0]},)` : `(${sizes.join(', ')})`;
}

type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'int'; value: bigint }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'tuple'; items: PyValue[] }
  | { kind: 'list'; items: PyValue[] }
  | { kind: 'dict'; entries: [PyValue, PyValue][] };

function pyRepr(v: PyValue): string {
  switch (v.kind) {
    case 'str':
      return `'${v.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'int':
      return String(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'tuple':
      return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
    case 'list':
      return `[${v.items.map(pyRepr).join(', ')}]`;
    case 'dict':
      return `{${v.entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  }
}

/**
 * The subset of Python literal syntax (`ast.literal_eval`) that a `.npy` header uses: strings,
 * integers, True/False/None, tuples, lists and dicts. Nesting is bounded so that a hostile header
 * cannot exhaust the stack.
 */
class PyLiteralParser {
  private at = 0;

  constructor(
    private readonly text: string,
    // Headers of versions 1.0 and 2.0 may come from Python 2, which wrote longs as `3L`.
    private readonly allowLongSuffix: boolean,
  ) {}

  parseTop(): PyValue {
    while (this.text[this.at] === ' ' || this.text[this.at] === '\t') this.at++;
    const value = this.parseValue(0);
    this.skipSpace();
    if (this.at < this.text.length) this.fail('unexpected text after the dictionary');
    return value;
  }

  private fail(reason: string): never {
    const near = JSON.stringify(this.text.slice(this.at, this.at + 20));
    throw new NpyError(`cannot parse the header: ${reason} at offset ${this.at} (near ${near})`);
  }

  private skipSpace(): void {
    while (this.at < this.text.length && ' \t\n\r\f'.includes(this.text[this.at])) this.at++;
  }

  private parseValue(depth: number): PyValue {
    if (depth > MAX_NESTING) this.fail(`nesting deeper than ${MAX_NESTING} levels`);
    this.skipSpace();
    const c = this.text[this.at];
    if (c === undefined) this.fail('unexpected end of the header');
    if (c === "'" || c === '"') return { kind: 'str', value: this.parseString(c) };
    if (c === '(' || c === '[') {
      this.at++;
      const close = c === '(' ? ')' : ']';
      const items: PyValue[] = [];
      let sawComma = false;
      for (;;) {
        this.skipSpace();
        if (this.text[this.at] === close) break;
        items.push(this.parseValue(depth + 1));
        this.skipSpace();
        if (this.text[this.at] === ',') {
          this.at++;
          sawComma = true;
          continue;
        }
        if (this.text[this.at] !== close) this.fail(`expected ',' or '${close}'`);
        break;
      }
      this.at++;
      // (x) is a parenthesised value, not a tuple.
      if (c === '(' && items.length === 1 && !sawComma) return items[0];
      return { kind: c === '(' ? 'tuple' : 'list', items };
    }
    if (c === '{') {
      this.at++;
      const entries: [PyValue, PyValue][] = [];
      for (;;) {
        this.skipSpace();
        if (this.text[this.at] === '}') break;
        const key = this.parseValue(depth + 1);
        this.skipSpace();
        if (this.text[this.at] !== ':') this.fail("expected ':'");
        this.at++;
        entries.push([key, this.parseValue(depth + 1)]);
        this.skipSpace();
        if (this.text[this.at] === ',') {
          this.at++;
          continue;
        }
        if (this.text[this.at] !== '}') this.fail("expected ',' or '}'");
        break;
      }
      this.at++;
      return { kind: 'dict', entries };
    }
    const integer = /^[+-]?[ \t]*(0+|[1-9][0-9]*)/.exec(this.text.slice(this.at, this.at + 400));
    if (integer !== null) {
      this.at += integer[0].length;
      if (this.allowLongSuffix && (this.text[this.at] === 'L' || this.text[this.at] === 'l')) this.at++;
      if (/[A-Za-z0-9_.]/.test(this.text[this.at] ?? '')) this.fail('not an integer literal');
      return { kind: 'int', value: BigInt(integer[0].replace(/[ \t]/g, '')) };
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at, this.at + 64));
    if (word !== null) {
      if (word[0] === 'True' || word[0] === 'False') {
        this.at += word[0].length;
        return { kind: 'bool', value: word[0] === 'True' };
      }
      if (word[0] === 'None') {
        this.at += 4;
        return { kind: 'none' };
      }
      this.fail(`'${word[0]}' is not a literal`);
    }
    this.fail('unexpected character');
  }

  private parseString(quote: string): string {
    this.at++;
    let value = '';
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      this.at++;
      if (c === quote) return value;
      if (c !== '\\') {
        value += c;
        continue;
      }
      const e = this.text[this.at++];
      if (e === 'x') {
        const hex = this.text.slice(this.at, this.at + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.fail('bad \\x escape');
        value += String.fromCharCode(Number.parseInt(hex, 16));
        this.at += 2;
      } else if (e !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) {
        value += SIMPLE_ESCAPES[e];
      } else {
        this.fail('unsupported escape in a string');
      }
    }
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
};
