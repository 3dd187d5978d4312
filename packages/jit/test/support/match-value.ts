import type { JitType } from '@tsjit/ir';
import { parseNpy, Tensor, toNpy } from '@tsjit/tensor';
import { decodeFloat, decodeInt, type InlineTensor, type Value } from './decode-value.js';

/** Float tolerances: `|actual - expected| <= atol + rtol * |expected|`. */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** Float scalars and float64 tensors. */
export const DOUBLE_TOLERANCE: Tolerance = { rtol: 1e-6, atol: 1e-9 };
/** float32 (and float16) tensors. */
export const FLOAT_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-6 };

/** The README's float rule: nan matches only nan, an infinity only the same infinity. */
function closeEnough(actual: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

function show(x: unknown): string {
  if (typeof x === 'bigint') return `${x}n`;
  if (x instanceof Tensor) return `Tensor(${x.dtype}, [${x.shape.join(', ')}])`;
  if (x instanceof Map) return `Map(${x.size})`;
  if (Array.isArray(x)) return `${Object.isFrozen(x) ? 'tuple' : 'list'}(${x.length})`;
  if (typeof x === 'object' && x !== null) return `${x.constructor?.name ?? 'object'} ${JSON.stringify(x)}`;
  return typeof x === 'number' && Object.is(x, -0) ? '-0' : JSON.stringify(x);
}

/** A tensor's values, flat in C order: numbers, bigints (64-bit ints) or booleans. */
function tensorValues(t: Tensor): readonly (number | bigint | boolean)[] {
  const { data, dtype } = parseNpy(toNpy(t));
  const buffer = data.slice().buffer;
  switch (dtype) {
    case 'float32':
      return [...new Float32Array(buffer)];
    case 'float64':
      return [...new Float64Array(buffer)];
    case 'int64':
      return [...new BigInt64Array(buffer)];
    case 'int32':
      return [...new Int32Array(buffer)];
    case 'int16':
      return [...new Int16Array(buffer)];
    case 'int8':
      return [...new Int8Array(buffer)];
    case 'uint8':
      return [...new Uint8Array(buffer)];
    case 'bool':
      return [...new Uint8Array(buffer)].map((b) => b !== 0);
    default:
      throw new Error(`cannot read tensors of dtype ${dtype}`);
  }
}

function matchTensor(actual: unknown, expected: InlineTensor, path: string, out: string[]): void {
  if (!(actual instanceof Tensor)) {
    out.push(`${path}: expected a Tensor, got ${show(actual)}`);
    return;
  }
  const before = out.length;
  if (actual.dtype !== expected.dtype) out.push(`${path}: dtype ${actual.dtype}, expected ${expected.dtype}`);
  if (actual.shape.join(',') !== expected.shape.join(',')) {
    out.push(`${path}: shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`);
  }
  if (out.length > before) return;
  const values = tensorValues(actual);
  const floating = expected.dtype === 'float32' || expected.dtype === 'float64' || expected.dtype === 'float16';
  const tol = expected.dtype === 'float64' ? DOUBLE_TOLERANCE : FLOAT_TOLERANCE;
  const bad: string[] = [];
  expected.data.forEach((e, i) => {
    const a = values[i];
    let ok: boolean;
    if (floating) ok = closeEnough(a as number, decodeFloat(e as number | string), tol);
    else if (typeof e === 'boolean') ok = a === e;
    else ok = BigInt(a as number | bigint) === decodeInt(e as number | string);
    if (!ok) bad.push(`[${i}] ${show(a)} vs ${JSON.stringify(e)}`);
  });
  if (bad.length > 0) out.push(`${path}: ${bad.length} elements differ: ${bad.slice(0, 4).join(', ')}`);
}

/**
 * Where `actual` (a value the interpreter returned) differs from the recorded VALUE, read as
 * `type` (the function's declared return type, or an element type of it: it tells an int from a
 * float, and a tuple from a list). Empty when they match.
 */
export function matchValue(
  actual: unknown,
  expected: Value,
  type: JitType,
  path = 'result',
  out: string[] = [],
): string[] {
  const mismatch = (what: string) => out.push(`${path}: ${what}, got ${show(actual)}`);
  if ('none' in expected) {
    if (actual !== null) mismatch('expected None');
    return out;
  }
  // An optional holding a value, or a union: the value's own tag decides.
  const t = type.kind === 'OptionalType' ? (type.containedTypes()[0] as JitType) : type;
  if ('int' in expected) {
    if (t.kind !== 'IntType') mismatch(`an int where ${t.pythonStr()} is declared`);
    else if (!((typeof actual === 'number' && Number.isInteger(actual)) || typeof actual === 'bigint'))
      mismatch(`expected int ${expected.int}`);
    else if (BigInt(actual) !== decodeInt(expected.int)) mismatch(`expected ${expected.int}`);
    return out;
  }
  if ('float' in expected) {
    if (t.kind !== 'FloatType') mismatch(`a float where ${t.pythonStr()} is declared`);
    else if (typeof actual !== 'number') mismatch(`expected float ${expected.float} as a JS number`);
    else if (!closeEnough(actual, decodeFloat(expected.float), DOUBLE_TOLERANCE))
      mismatch(`expected ${expected.float}`);
    return out;
  }
  if ('bool' in expected) {
    if (actual !== expected.bool) mismatch(`expected ${expected.bool}`);
    return out;
  }
  if ('str' in expected) {
    if (actual !== expected.str) mismatch(`expected ${JSON.stringify(expected.str)}`);
    return out;
  }
  if ('tensor' in expected) {
    matchTensor(actual, expected.tensor, path, out);
    return out;
  }
  if ('list' in expected || 'tuple' in expected) {
    const tuple = 'tuple' in expected;
    const items = tuple ? expected.tuple : expected.list;
    if (!Array.isArray(actual)) {
      mismatch(`expected a ${tuple ? 'tuple' : 'list'}`);
      return out;
    }
    if (Object.isFrozen(actual) !== tuple)
      mismatch(`expected a ${tuple ? 'tuple (frozen array)' : 'list (unfrozen array)'}`);
    if (actual.length !== items.length) {
      mismatch(`expected length ${items.length}`);
      return out;
    }
    const elementTypes = t.containedTypes();
    items.forEach((e, i) => {
      const et = (tuple ? elementTypes[i] : elementTypes[0]) as JitType;
      matchValue(actual[i], e, et, `${path}[${i}]`, out);
    });
    return out;
  }
  if ('dict' in expected) {
    if (!(actual instanceof Map)) {
      mismatch('expected a dict (Map)');
      return out;
    }
    const [kt, vt] = t.containedTypes() as [JitType, JitType];
    const entries = [...actual.entries()];
    if (entries.length !== expected.dict.length) {
      mismatch(`expected ${expected.dict.length} entries`);
      return out;
    }
    expected.dict.forEach(([k, v], i) => {
      const [ak, av] = entries[i] as [unknown, unknown];
      matchValue(ak, k, kt, `${path}.key[${i}]`, out);
      matchValue(av, v, vt, `${path}[${JSON.stringify(Object.values(k)[0])}]`, out);
    });
    return out;
  }
  throw new Error(`unknown VALUE ${JSON.stringify(expected)}`);
}
