import type { JitType } from '../types/jit-type.js';
import type { ListType } from '../types/list-type.js';

/** An integer default. `value` is a number when it is a safe integer, a bigint otherwise (int64). */
export interface IntValue {
  readonly kind: 'int';
  readonly value: number | bigint;
}

/** A floating-point default: kept apart from ints, since `1.` and `1` differ in TorchScript. */
export interface FloatValue {
  readonly kind: 'float';
  readonly value: number;
}

/**
 * A default value in a schema, as a plain value: `null` is None, booleans and strings are
 * themselves, numbers are tagged int or float, lists are arrays. Symbolic defaults are stored
 * as the ints PyTorch gives them (`long` → 4, `float` → 6, `strided` → 0, `Mean` → 1,
 * `contiguous_format` → 0), and a single value for a fixed-size list (`int[2] stride=1`) is
 * stored expanded (`[1, 1]`).
 */
export type DefaultValue = null | boolean | string | IntValue | FloatValue | readonly DefaultValue[];

export function intValue(value: number | bigint): IntValue {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`intValue: ${value} is not a safe integer (pass a bigint)`);
  }
  return { kind: 'int', value };
}

export function floatValue(value: number): FloatValue {
  return { kind: 'float', value };
}

/**
 * Prints a default value the way PyTorch prints it in a schema. `type` is the argument's type
 * as written: for an `int[N]` list whose elements are all equal PyTorch prints just one of them
 * (`int[2] stride=1`), but not for `SymInt[N]`.
 */
export function formatDefaultValue(value: DefaultValue, type?: JitType): string {
  if (Array.isArray(value)) {
    const list = value as readonly DefaultValue[];
    if (
      type?.kind === 'ListType' &&
      (type as ListType).elementType.kind === 'IntType' &&
      list.length > 1 &&
      list.every((v) => sameScalar(v, list[0]))
    ) {
      return formatDefaultValue(list[0]);
    }
    return `[${list.map((v) => formatDefaultValue(v)).join(', ')}]`;
  }
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return quoteString(value);
  const scalar = value as IntValue | FloatValue;
  return scalar.kind === 'int' ? String(scalar.value) : formatFloat(scalar.value);
}

function sameScalar(a: DefaultValue, b: DefaultValue): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) return false;
  const x = a as IntValue | FloatValue;
  const y = b as IntValue | FloatValue;
  return x.kind === y.kind && x.value === y.value;
}

const INT64_MIN = -(2 ** 63);
const INT64_LIMIT = 2 ** 63;

/**
 * Prints a double as PyTorch does: an integral value within int64 as the integer and a dot
 * (`1.`, `-100.`), anything else with 17 significant digits as C's `%.17g` (`0.10000000000000001`,
 * `1.0000000000000001e-05`).
 */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (Number.isInteger(value) && value >= INT64_MIN && value < INT64_LIMIT) return `${BigInt(value)}.`;
  return formatG17(value);
}

/** C's `%.17g` for a finite, non-zero double. */
function formatG17(value: number): string {
  const sign = value < 0 ? '-' : '';
  const text = Math.abs(value).toExponential(16);
  const e = text.indexOf('e');
  const exponent = Number(text.slice(e + 1));
  const digits = text[0] + text.slice(2, e); // 17 significant digits
  if (exponent < -4 || exponent >= 17) {
    const mantissa = stripZeros(`${digits[0]}.${digits.slice(1)}`);
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (exponent >= 0) {
    return sign + stripZeros(`${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`);
  }
  return sign + stripZeros(`0.${'0'.repeat(-exponent - 1)}${digits}`);
}

/** Drops trailing zeros of a fraction, and the dot when nothing is left after it. */
function stripZeros(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  return text.slice(0, end);
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/**
 * A string in double quotes with PyTorch's escapes: backslash, both quotes and the C control
 * escapes by name, other ASCII control characters as three-digit octal. Characters beyond ASCII
 * are written as they are (PyTorch would write their bytes, garbled, as signed octal).
 */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const escaped = ESCAPES[ch];
    if (escaped !== undefined) {
      out += escaped;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, '0')}` : ch;
  }
  return `${out}"`;
}
