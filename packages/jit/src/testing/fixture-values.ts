/**
 * The VALUE encoding of the conformance fixtures (../shared/fixtures/torchscript/README.md) and of
 * the interpreter goldens (test/fixtures/interpreter-goldens.json): decoding into the JS values the
 * jit API takes, and comparing the values it returns with a recorded VALUE by the README's rules.
 *
 * Extensions over the README: inline tensors `{"tensor": {"dtype", "shape", "data"}}` (flat, C
 * order, floats may be "nan"/"inf"/"-inf") and ints beyond ±2^53 as decimal strings.
 *
 * Tests import it directly; tools get it from the `@tsjit/jit/testing` subpath (src/testing/index.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DictType, JitType, ListType, OptionalType, TupleType, UnionType } from '@tsjit/ir';
import { FloatScalar } from '@tsjit/ops';
import { fromArray, fromNpy, readValues, Tensor } from '@tsjit/tensor';

export type FixtureNumber = number | 'nan' | 'inf' | '-inf';

export interface InlineTensor {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: readonly (FixtureNumber | boolean)[];
}

export type FixtureValue =
  | { readonly tensor: string | InlineTensor }
  | { readonly int: number | string }
  | { readonly float: FixtureNumber }
  | { readonly bool: boolean }
  | { readonly str: string }
  | { readonly none: null }
  | { readonly tuple: readonly FixtureValue[] }
  | { readonly list: readonly FixtureValue[] }
  | { readonly dict: readonly (readonly [FixtureValue, FixtureValue])[] };

export interface DecodeOptions {
  /** The case folder that `{"tensor": "t3.npy"}` is relative to. */
  readonly caseDir?: string;
  /**
   * Integral floats as FloatScalar rather than plain numbers, so that a float stays a float where
   * the parameter's type does not say (Any, Union[int, float], a list in an Any).
   */
  readonly exactFloats?: boolean;
}

export interface CompareOptions {
  readonly rtol?: number;
  readonly atol?: number;
  /** The declared type of the value (a schema's return or argument type): tells int from float. */
  readonly type?: JitType;
  /** The case folder for expected tensors stored in `.npy` files. */
  readonly caseDir?: string;
}

const TAGS = ['tensor', 'int', 'float', 'bool', 'str', 'none', 'tuple', 'list', 'dict'] as const;
type Tag = (typeof TAGS)[number];
const SAFE = 2n ** 53n;

function tagOf(value: unknown): Tag {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`not a fixture VALUE: ${JSON.stringify(value)}`);
  }
  const keys = Object.keys(value);
  if (keys.length !== 1 || !(TAGS as readonly string[]).includes(keys[0])) {
    throw new TypeError(`not a fixture VALUE (one type tag expected): ${JSON.stringify(value)}`);
  }
  return keys[0] as Tag;
}

function decodeNumber(x: FixtureNumber | string): number {
  if (typeof x === 'number') return x;
  switch (x) {
    case 'nan':
      return Number.NaN;
    case 'inf':
      return Number.POSITIVE_INFINITY;
    case '-inf':
      return Number.NEGATIVE_INFINITY;
    case '-0':
      return -0;
    default:
      throw new TypeError(`not a fixture number: ${JSON.stringify(x)}`);
  }
}

function decodeInt(x: number | string): number | bigint {
  if (typeof x === 'number') return x;
  const b = BigInt(x);
  return b > SAFE || b < -SAFE ? b : Number(b);
}

/** The tensor a VALUE's `tensor` field stands for (a new tensor each time). */
export function decodeTensor(spec: string | InlineTensor, caseDir?: string): Tensor {
  if (typeof spec === 'string') {
    if (caseDir === undefined) throw new TypeError(`tensor file ${spec} needs a caseDir`);
    return fromNpy(new Uint8Array(readFileSync(join(caseDir, spec))));
  }
  const data = spec.data.map((x) => (typeof x === 'boolean' ? x : decodeNumber(x)));
  return fromArray(data, spec.shape, { dtype: spec.dtype });
}

/** A fixture VALUE as the JS value the jit API takes (a fresh, unshared value on every call). */
export function decodeValue(value: FixtureValue, options: DecodeOptions = {}): unknown {
  const v = value as Record<string, unknown>;
  switch (tagOf(value)) {
    case 'tensor':
      return decodeTensor(v.tensor as string | InlineTensor, options.caseDir);
    case 'int':
      return decodeInt(v.int as number | string);
    case 'float': {
      const x = decodeNumber(v.float as FixtureNumber);
      return options.exactFloats && Number.isInteger(x) ? new FloatScalar(x) : x;
    }
    case 'bool':
      return v.bool as boolean;
    case 'str':
      return v.str as string;
    case 'none':
      return null;
    case 'tuple':
      return Object.freeze((v.tuple as FixtureValue[]).map((e) => decodeValue(e, options)));
    case 'list':
      return (v.list as FixtureValue[]).map((e) => decodeValue(e, options));
    case 'dict': {
      const map = new Map<unknown, unknown>();
      for (const [k, e] of v.dict as [FixtureValue, FixtureValue][]) {
        map.set(decodeValue(k, options), decodeValue(e, options));
      }
      return map;
    }
  }
}

// ------------------------------------------------------------------------------------------------
// comparison
// ------------------------------------------------------------------------------------------------

/** A scalar's kind as far as the value and its declared type tell; 'number' when they cannot. */
type ScalarKind = 'int' | 'float' | 'number';

/** The type without Optional (the value is not None where it matters). */
function unwrap(type: JitType | undefined): JitType | undefined {
  return type?.kind === 'OptionalType' ? (type as OptionalType).elementType : type;
}

/** int, float, or undetermined (Any, Number, a Union of both) for a type. */
function declaredNumberKind(type: JitType | undefined): ScalarKind {
  const t = unwrap(type);
  if (t === undefined) return 'number';
  if (t.kind === 'IntType') return 'int';
  if (t.kind === 'FloatType') return 'float';
  if (t.kind === 'UnionType') {
    const kinds = (t as UnionType).types.map((m) => m.kind);
    const int = kinds.includes('IntType');
    const float = kinds.includes('FloatType');
    if (int && !float) return 'int';
    if (float && !int) return 'float';
  }
  return 'number';
}

/**
 * The kind of a numeric JS value: bigint and FloatScalar say it themselves, -0 and non-integral
 * numbers are floats; an integral number is whatever the declared type says (the jit API returns
 * floats as plain numbers), and undetermined without one.
 */
function numberKind(actual: number | bigint | FloatScalar, type: JitType | undefined): ScalarKind {
  if (typeof actual === 'bigint') return 'int';
  if (actual instanceof FloatScalar) return 'float';
  if (!Number.isInteger(actual) || Object.is(actual, -0)) return 'float';
  return declaredNumberKind(type);
}

function isNumeric(v: unknown): v is number | bigint | FloatScalar {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof FloatScalar;
}

function numberText(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  return Object.is(x, -0) ? '-0' : String(x);
}

/** How a mismatch names the value it got. */
export function describeActual(v: unknown, type?: JitType): string {
  if (v === null) return 'None';
  if (v === undefined) return 'undefined';
  if (isNumeric(v)) {
    const kind = numberKind(v, type);
    const x = v instanceof FloatScalar ? v.value : v;
    return `${kind} ${typeof x === 'bigint' ? x.toString() : numberText(x)}`;
  }
  if (typeof v === 'boolean') return `bool ${v ? 'True' : 'False'}`;
  if (typeof v === 'string') return `str ${JSON.stringify(v)}`;
  if (v instanceof Tensor) return `tensor ${v.dtype} [${v.sizes.join(', ')}]`;
  if (Array.isArray(v)) return `${Object.isFrozen(v) ? 'tuple' : 'list'} of length ${v.length}`;
  if (v instanceof Map) return `dict of size ${v.size}`;
  const name = (v as object).constructor?.name ?? typeof v;
  return `${name} ${String(v)}`;
}

function describeExpected(expected: FixtureValue): string {
  const v = expected as Record<string, unknown>;
  const tag = tagOf(expected);
  switch (tag) {
    case 'int':
      return `int ${String(v.int)}`;
    case 'float':
      return `float ${numberText(decodeNumber(v.float as FixtureNumber))}`;
    case 'bool':
      return `bool ${v.bool ? 'True' : 'False'}`;
    case 'str':
      return `str ${JSON.stringify(v.str)}`;
    case 'none':
      return 'None';
    case 'tuple':
    case 'list':
      return `${tag} of length ${(v[tag] as unknown[]).length}`;
    case 'dict':
      return `dict of size ${(v.dict as unknown[]).length}`;
    case 'tensor': {
      const spec = v.tensor as string | InlineTensor;
      return typeof spec === 'string' ? `tensor ${spec}` : `tensor ${spec.dtype} [${spec.shape.join(', ')}]`;
    }
  }
}

function closeEnough(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

function keyText(key: FixtureValue): string {
  const v = key as Record<string, unknown>;
  switch (tagOf(key)) {
    case 'str':
      return JSON.stringify(v.str);
    case 'int':
      return String(v.int);
    case 'float':
      return numberText(decodeNumber(v.float as FixtureNumber));
    case 'bool':
      return v.bool ? 'True' : 'False';
    default:
      return describeExpected(key);
  }
}

function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = index % shape[d];
    index = Math.floor(index / shape[d]);
  }
  return out;
}

function isFloatDtype(dtype: string): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16';
}

function compareTensor(
  actual: unknown,
  spec: string | InlineTensor,
  at: string,
  o: Required<Omit<CompareOptions, 'type' | 'caseDir'>> & CompareOptions,
): string | null {
  const expected = decodeTensor(spec, o.caseDir);
  if (!(actual instanceof Tensor))
    return `${at}expected tensor ${expected.dtype} [${expected.sizes.join(', ')}], got ${describeActual(actual)}`;
  if (actual.dtype !== expected.dtype)
    return `${at}expected tensor of dtype ${expected.dtype}, got dtype ${actual.dtype}`;
  const shapeA = actual.sizes.join(', ');
  const shapeE = expected.sizes.join(', ');
  if (shapeA !== shapeE) return `${at}expected tensor of shape [${shapeE}], got shape [${shapeA}]`;
  const a = readValues(actual, true);
  const e = readValues(expected, true);
  const floating = isFloatDtype(expected.dtype);
  let bad = 0;
  let first = -1;
  for (let i = 0; i < e.length; i++) {
    const ok = floating ? closeEnough(a[i] as number, e[i] as number, o.rtol, o.atol) : a[i] === e[i];
    if (!ok) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad === 0) return null;
  const where = expected.sizes.length === 0 ? '' : `[${unravel(first, expected.sizes).join(', ')}]`;
  const show = (x: unknown) => (typeof x === 'number' ? numberText(x) : String(x));
  return `${at}tensor ${expected.dtype} [${shapeE}]: ${bad} of ${e.length} elements differ; first at ${where || 'the scalar'}: expected ${show(e[first])}, got ${show(a[first])}`;
}

function compareAt(
  actual: unknown,
  expected: FixtureValue,
  path: string,
  o: Required<Omit<CompareOptions, 'type' | 'caseDir'>> & CompareOptions,
  type: JitType | undefined,
): string | null {
  const at = path === '' ? '' : `${path}: `;
  const mismatch = () => `${at}expected ${describeExpected(expected)}, got ${describeActual(actual, type)}`;
  const v = expected as Record<string, unknown>;
  const tag = tagOf(expected);
  const t = actual === null ? type : unwrap(type);
  switch (tag) {
    case 'tensor':
      return compareTensor(actual, v.tensor as string | InlineTensor, at, o);
    case 'int': {
      if (!isNumeric(actual) || numberKind(actual, t) === 'float') return mismatch();
      const x = actual as number | bigint;
      if (typeof x === 'number' && !Number.isInteger(x)) return mismatch();
      return BigInt(x) === BigInt(v.int as number | string) ? null : mismatch();
    }
    case 'float': {
      if (!isNumeric(actual) || numberKind(actual, t) === 'int') return mismatch();
      const x = actual instanceof FloatScalar ? actual.value : Number(actual);
      return closeEnough(x, decodeNumber(v.float as FixtureNumber), o.rtol, o.atol) ? null : mismatch();
    }
    case 'bool':
      return actual === v.bool ? null : mismatch();
    case 'str':
      return actual === v.str ? null : mismatch();
    case 'none':
      return actual === null ? null : mismatch();
    case 'tuple':
    case 'list': {
      const items = v[tag] as FixtureValue[];
      if (!Array.isArray(actual) || Object.isFrozen(actual) !== (tag === 'tuple') || actual.length !== items.length) {
        return mismatch();
      }
      for (let i = 0; i < items.length; i++) {
        const elementType =
          t?.kind === 'TupleType'
            ? (t as TupleType).elements[i]
            : t?.kind === 'ListType'
              ? (t as ListType).elementType
              : undefined;
        const r = compareAt(actual[i], items[i], `${path}[${i}]`, o, elementType);
        if (r !== null) return r;
      }
      return null;
    }
    case 'dict': {
      const pairs = v.dict as [FixtureValue, FixtureValue][];
      if (!(actual instanceof Map) || actual.size !== pairs.length) return mismatch();
      const keyType = t?.kind === 'DictType' ? (t as DictType).keyType : undefined;
      const valueType = t?.kind === 'DictType' ? (t as DictType).valueType : undefined;
      let i = 0;
      for (const [k, x] of actual) {
        const [ek, ev] = pairs[i];
        const keyPath = `${path}{key ${i}}`;
        const rk = compareAt(k, ek, keyPath, { ...o, rtol: 0, atol: 0 }, keyType);
        if (rk !== null) return `${rk} (dict keys in insertion order)`;
        const r = compareAt(x, ev, `${path}[${keyText(ek)}]`, o, valueType);
        if (r !== null) return r;
        i++;
      }
      return null;
    }
  }
}

/**
 * Whether `actual` (a value the jit API returned) matches the recorded VALUE: null when it does,
 * else the first mismatch with its path (`[1][2]: expected int 3, got float 3`). Rules of the
 * fixtures' README: tensors of the same dtype and shape, integer and bool elements equal, floating
 * ones within `atol + rtol * |expected|` (nan only matches nan, an infinity only itself); float
 * scalars by the same rule; int, bool, str and None equal and of the same type; tuples and lists of
 * the same kind and length; dicts with the same keys in the same order.
 *
 * int vs float: a bigint is an int, a FloatScalar, -0 or a non-integral number a float; an integral
 * plain number is what `type` says (the jit API returns floats as plain numbers), and matches
 * either where the type does not tell (no type, Any, Number, a Union of int and float).
 */
export function compareValue(actual: unknown, expected: FixtureValue, options: CompareOptions = {}): string | null {
  const o = { ...options, rtol: options.rtol ?? 1e-5, atol: options.atol ?? 1e-8 };
  return compareAt(actual, expected, '', o, options.type);
}

/** A README `outputs` of the form `{"error": "substring"}` (an expected error, not a VALUE). */
export function isErrorExpectation(outputs: unknown): outputs is { readonly error: string } {
  return (
    outputs !== null &&
    typeof outputs === 'object' &&
    Object.keys(outputs).length === 1 &&
    typeof (outputs as { error?: unknown }).error === 'string'
  );
}
