/**
 * TorchScript's non-tensor values as the builtin ops see them, and the IValue behaviour they share
 * (printing, equality, dict keys):
 *
 *   int    → JS number (integral), or bigint outside ±2^53; arithmetic wraps like int64_t
 *   float  → JS number, or FloatScalar when integral (`2.0` stays a float: `str(2.0) == '2.'`)
 *   bool   → boolean;  str → string;  None → null
 *   list   → JS array (mutable, shared by reference: `append` mutates it)
 *   tuple  → frozen JS array (`Object.isFrozen`): immutable, and printed with parentheses
 *   dict   → JS Map in insertion order; keys normalised by `dictKey` (ints and floats as numbers,
 *            tensors by identity)
 *   device → `PyDevice` (the IR's DeviceValue shape; a plain DeviceValue or string is accepted)
 */
import type { DeviceValue } from '@tsjit/ir';
import { isFloatingDtype } from '../core/dtypes.js';
import { numel, readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type OpContext, type TensorLike } from '../core/tensor-like.js';

/** A `torch.device` value: type and optional index; prints as `cpu` / `cuda:0`. */
export class PyDevice implements DeviceValue {
  readonly kind = 'device' as const;
  readonly device: string;
  constructor(device: string) {
    this.device = device;
  }
  get type(): string {
    const i = this.device.indexOf(':');
    return i < 0 ? this.device : this.device.slice(0, i);
  }
  get index(): number | null {
    const i = this.device.indexOf(':');
    return i < 0 ? null : Number(this.device.slice(i + 1));
  }
  toString(): string {
    return this.device;
  }
}

const DEVICE_TYPES = [
  'cpu',
  'cuda',
  'ipu',
  'xpu',
  'mkldnn',
  'opengl',
  'opencl',
  'ideep',
  'hip',
  've',
  'ort',
  'mps',
  'xla',
  'lazy',
  'vulkan',
  'meta',
  'hpu',
];

/** `torch.device(text)` with c10::Device's validation. */
export function parseDevice(text: string): PyDevice {
  const m = /^([a-z]+)(?::(\d+))?$/.exec(text);
  if (m === null || !DEVICE_TYPES.includes(m[1])) {
    if (m !== null || /^[a-z]+/.test(text)) {
      const type = /^[a-z]*/.exec(text)?.[0] ?? '';
      if (!DEVICE_TYPES.includes(type)) {
        throw new OpError(`Expected one of ${DEVICE_TYPES.join(', ')} device type at start of device string: ${text}`);
      }
    }
    throw new OpError(`Invalid device string: '${text}'`);
  }
  if (m[2] !== undefined && m[2].length > 1 && m[2].startsWith('0'))
    throw new OpError(`Invalid device string: '${text}'`);
  if (m[1] === 'cpu' && m[2] !== undefined && m[2] !== '0') {
    throw new OpError(`CPU device index must be -1 or zero, got ${m[2]}`);
  }
  return new PyDevice(text);
}

/** The text of a device value (a PyDevice, an IR DeviceValue, or a device string). */
export function deviceText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && (v as DeviceValue).kind === 'device') return (v as DeviceValue).device;
  throw new OpError(`expected a device, got ${typeName(v)}`, 'TypeError');
}

export function isDevice(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as DeviceValue).kind === 'device';
}

/** A tuple: an immutable array. */
export function tuple<T>(items: readonly T[]): readonly T[] {
  return Object.freeze([...items]);
}
export function isTuple(v: unknown): v is readonly unknown[] {
  return Array.isArray(v) && Object.isFrozen(v);
}

/** An int64 result: wraps like int64_t, a JS number while it is exact. */
export function pyInt(v: bigint | number): number | bigint {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return v === 0 ? 0 : v;
    v = BigInt(v);
  }
  const w = BigInt.asIntN(64, v);
  return w >= BigInt(Number.MIN_SAFE_INTEGER) && w <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(w) : w;
}

/** A float result: integral values stay floats. */
export function pyFloat(v: number): number | FloatScalar {
  return Number.isInteger(v) ? new FloatScalar(v) : v;
}

/** Any numeric value (int, float, bool) as a JS number. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof FloatScalar) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  throw new OpError(`expected a number, got ${typeName(v)}`, 'TypeError');
}

/** An int value as a bigint (exact). */
export function big(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  const n = num(v);
  if (!Number.isInteger(n)) throw new OpError(`expected an int, got ${n}`, 'TypeError');
  return BigInt(n);
}

/** An int value as a JS number (ints beyond 2^53 lose precision: only for indices and counts). */
export function intNum(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : num(v);
}

/** Whether a runtime value is a Python float (as opposed to an int or bool). */
export function isFloatValue(v: unknown): boolean {
  return v instanceof FloatScalar || (typeof v === 'number' && !Number.isInteger(v));
}

export function isIntValue(v: unknown): boolean {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

/** The Python type name of a value, for messages. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (isIntValue(v)) return 'int';
  if (typeof v === 'number' || v instanceof FloatScalar) return 'float';
  if (v instanceof Map) return 'dict';
  if (isTuple(v)) return 'tuple';
  if (Array.isArray(v)) return 'list';
  if (isDevice(v)) return 'device';
  if (typeof v === 'object' && 'sizes' in (v as object)) return 'Tensor';
  return typeof v;
}

/**
 * A double as IValue printing writes it (what `str`, `format` and `print` show in TorchScript):
 * integral values inside int64's range as the integer with a trailing dot (`1.`, `-0.` prints
 * `0.`), everything else as `%.17g` (`0.10000000000000001`, `1e+20`, `nan`, `inf`).
 */
export function formatDouble(d: number): string {
  if (Number.isInteger(d) && Math.abs(d) < 2 ** 63) return `${BigInt(d)}.`;
  return formatG(d, 17);
}

/** C's `%.<precision>g`. */
export function formatG(d: number, precision: number): string {
  if (Number.isNaN(d)) return d < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(d)) return d > 0 ? 'inf' : '-inf';
  const p = precision === 0 ? 1 : precision;
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const exp = d.toExponential(p - 1);
  const [mant, e] = exp.split('e');
  const x = Number(e);
  if (x < -4 || x >= p) {
    const m = stripZeros(mant);
    const sign = x < 0 ? '-' : '+';
    const ax = Math.abs(x);
    return `${m}e${sign}${ax < 10 ? `0${ax}` : ax}`;
  }
  return stripZeros(d.toFixed(Math.max(0, p - 1 - x)));
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** `str(v)` in TorchScript: IValue printing (strings unquoted, even inside containers). */
export function ivalueString(ctx: OpContext, v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof FloatScalar) return formatDouble(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatDouble(v);
  if (v instanceof Map) {
    const parts: string[] = [];
    for (const [k, e] of v) parts.push(`${ivalueString(ctx, k)}: ${ivalueString(ctx, e)}`);
    return `{${parts.join(', ')}}`;
  }
  if (Array.isArray(v)) {
    const items = v.map((e) => ivalueString(ctx, e));
    if (isTuple(v)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    return `[${items.join(', ')}]`;
  }
  if (isDevice(v)) return deviceText(v);
  if (ctx.isTensor(v)) return tensorString(ctx, v);
  if (typeof v === 'object' && typeof (v as { toString?: unknown }).toString === 'function') return String(v);
  throw new OpError(`cannot print a value of type ${typeName(v)}`, 'TypeError');
}

const CPP_TYPE: Record<string, string> = {
  float32: 'Float',
  float64: 'Double',
  float16: 'Half',
  bfloat16: 'BFloat16',
  int64: 'Long',
  int32: 'Int',
  int16: 'Short',
  int8: 'Char',
  uint8: 'Byte',
  bool: 'Bool',
};

/**
 * A tensor as C++'s `operator<<` prints it (at::print): the values in columns of one width, then
 * `[ CPUFloatType{2,2} ]`. Floating values share one fixed format: integers when every value is
 * integral, else 4 decimals, or scientific notation when their magnitudes span too much.
 */
export function tensorString(ctx: OpContext, t: TensorLike): string {
  const typeLine = `[ CPU${CPP_TYPE[t.dtype] ?? t.dtype}Type{${t.sizes.join(',')}} ]`;
  const n = numel(t.sizes);
  if (n === 0) return `[ Tensor (empty) ]`;
  const values = readNumbers(ctx, t);
  const format = tensorFormat(values, isFloatingDtype(t.dtype), t.dtype === 'bool');
  const cell = (x: number) => format.cell(x);
  const dims = t.sizes;
  if (dims.length === 0) return `${format.scaleLine}${cell(values[0]).trimStart()}\n${typeLine}`;
  const width = format.width;
  const pad = (s: string) => s.padStart(width + 1);
  const lines: string[] = [];
  if (format.scaleLine) lines.push(format.scaleLine.trimEnd());
  if (dims.length === 1) {
    for (const x of values) lines.push(pad(cell(x)));
    return `${lines.join('\n')}\n${typeLine}`;
  }
  const rows = dims[dims.length - 2];
  const cols = dims[dims.length - 1];
  const matrices = n / (rows * cols);
  const outer = dims.slice(0, -2);
  for (let m = 0; m < matrices; m++) {
    if (outer.length > 0) {
      const idx: number[] = [];
      let rem = m;
      for (let d = outer.length - 1; d >= 0; d--) {
        idx.unshift((rem % outer[d]) + 1);
        rem = Math.floor(rem / outer[d]);
      }
      if (m > 0) lines.push('');
      lines.push(`(${idx.join(',')},.,.) = `);
    }
    const base = m * rows * cols;
    const perLine = Math.max(1, Math.floor(80 / (width + 1)));
    for (let c0 = 0; c0 < cols; c0 += perLine) {
      const c1 = Math.min(cols, c0 + perLine);
      if (cols > perLine) {
        if (c0 > 0) lines.push('');
        lines.push(c1 - c0 === 1 ? `Columns ${c0 + 1} to ${c1}` : `Columns ${c0 + 1} to ${c1}`);
      }
      for (let r = 0; r < rows; r++) {
        let line = '';
        for (let c = c0; c < c1; c++) line += pad(cell(values[base + r * cols + c]));
        lines.push(line);
      }
    }
  }
  return `${lines.join('\n')}\n${typeLine}`;
}

interface TensorFormat {
  readonly width: number;
  readonly scaleLine: string;
  cell(x: number): string;
}

// at::print's __printFormat: one format for every value of the tensor.
function tensorFormat(values: readonly number[], floating: boolean, bool: boolean): TensorFormat {
  if (!floating) {
    const texts = values.map((x) => (bool ? String(x ? 1 : 0) : String(x)));
    const width = Math.max(...texts.map((s) => s.length));
    return { width, scaleLine: '', cell: (x) => (bool ? String(x ? 1 : 0) : String(x)) };
  }
  const finite = values.filter((x) => Number.isFinite(x));
  const intMode = finite.every((x) => Number.isInteger(x));
  const abs = finite.map((x) => Math.abs(x));
  const expMin = abs.length ? Math.floor(Math.log10(Math.min(...abs.map((a) => (a === 0 ? 1 : a))))) + 1 : 1;
  const expMax = abs.length ? Math.floor(Math.log10(Math.max(...abs.map((a) => (a === 0 ? 1 : a))))) + 1 : 1;
  const special = (x: number) => (Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf');
  if (intMode) {
    if (expMax > 9) {
      return {
        width: 11,
        scaleLine: '',
        cell: (x) => (Number.isFinite(x) ? cExp(x, 4) : special(x)),
      };
    }
    const width = Math.max(expMax + 1, 1);
    return { width, scaleLine: '', cell: (x) => (Number.isFinite(x) ? x.toFixed(0) : special(x)) };
  }
  if (expMax - expMin > 4) {
    const sz = Math.abs(expMax) > 99 || Math.abs(expMin) > 99 ? 12 : 11;
    return { width: sz, scaleLine: '', cell: (x) => (Number.isFinite(x) ? cExp(x, 4) : special(x)) };
  }
  if (expMax > 5 || expMax < 0) {
    const scale = 10 ** (expMax - 1);
    return {
      width: 7,
      scaleLine: `${cExp(scale, 0).replace(/^1e/, '1e')} *\n`,
      cell: (x) => (Number.isFinite(x) ? (x / scale).toFixed(4) : special(x)),
    };
  }
  const width = expMax === 0 ? 7 : expMax + 6;
  return { width, scaleLine: '', cell: (x) => (Number.isFinite(x) ? x.toFixed(4) : special(x)) };
}

/** C's `%.<digits>e`. */
function cExp(x: number, digits: number): string {
  const [m, e] = x.toExponential(digits).split('e');
  const ex = Number(e);
  const ax = Math.abs(ex);
  return `${m}e${ex < 0 ? '-' : '+'}${ax < 10 ? `0${ax}` : ax}`;
}

/**
 * IValue equality as the list and dict builtins use it (`==`, `in`, `count`, `index`, `remove`):
 * numbers by value across int/float/bool, containers elementwise, tensors by identity or else by
 * their (one-element) comparison, devices by their text.
 */
export function ivalueEquals(ctx: OpContext, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  const na = isNumeric(a);
  const nb = isNumeric(b);
  if (na || nb) {
    if (!(na && nb)) return false;
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      if (isIntValue(a) && isIntValue(b)) return big(a) === big(b);
    }
    return num(a) === num(b);
  }
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    return a.every((e, i) => ivalueEquals(ctx, e, b[i]));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, e] of a) {
      if (!b.has(k) || !ivalueEquals(ctx, e, b.get(k))) return false;
    }
    return true;
  }
  if (isDevice(a) && isDevice(b)) return deviceText(a) === deviceText(b);
  if (ctx.isTensor(a) && ctx.isTensor(b)) return tensorTruth(ctx, ctx.F.eq(a, b));
  return false;
}

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof FloatScalar;
}

/** `bool(t)` of a tensor: its single element, else PyTorch's error. */
export function tensorTruth(ctx: OpContext, t: TensorLike): boolean {
  const n = numel(t.sizes);
  if (n === 0) throw new OpError('Boolean value of Tensor with no values is ambiguous');
  if (n > 1) throw new OpError('Boolean value of Tensor with more than one value is ambiguous');
  return readNumbers(ctx, t)[0] !== 0;
}

/**
 * A dict key in its canonical JS form, so that Map lookups follow Python's equality: FloatScalar
 * and safe bigints become numbers; strings, booleans and tensors (by identity) stay as they are.
 */
export function dictKey(k: unknown): unknown {
  if (k instanceof FloatScalar) return k.value;
  if (typeof k === 'bigint') return pyInt(k);
  if (typeof k === 'number' && Object.is(k, -0)) return 0;
  return k;
}

/** A key read back out of a dict whose key type is float: integral keys are floats again. */
export function keyOut(k: unknown, keyKind: string): unknown {
  return keyKind === 'float' && typeof k === 'number' ? pyFloat(k) : k;
}

/** Python's index normalisation for lists and strings: negative from the end, else out of range. */
export function normalizeIndex(index: number, length: number): number {
  return index < 0 ? index + length : index;
}

/** A float value for a float-typed argument (ints and bools are widened). */
export function floatArg(v: unknown): number {
  return num(v);
}

/** The single value of a one-element tensor as the scalar conversions read it (`int(t)`, `float(t)`). */
export function tensorScalar(ctx: OpContext, t: TensorLike): number {
  const n = numel(t.sizes);
  if (n !== 1) throw new OpError(`a Tensor with ${n} elements cannot be converted to Scalar`);
  return readNumbers(ctx, t)[0];
}

/** The value of a variable that is not assigned on every path (prim::Uninitialized); never read. */
export const UNINITIALIZED: { readonly kind: 'uninitialized' } = Object.freeze({ kind: 'uninitialized' as const });

/**
 * `a is b` (IValue::isSameIdentity): None, bools, ints, floats and strings by value within their
 * own type; everything else (tensors, lists, dicts, objects) by reference.
 */
export function isSameIdentity(a: unknown, b: unknown): boolean {
  const none = (v: unknown) => v === null || v === undefined;
  if (none(a) || none(b)) return none(a) && none(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  if (isIntValue(a) && isIntValue(b)) return big(a) === big(b);
  if (isIntValue(a) || isIntValue(b)) return false;
  if (isFloatValue(a) || a instanceof FloatScalar || isFloatValue(b) || b instanceof FloatScalar) {
    const fa = a instanceof FloatScalar || typeof a === 'number';
    const fb = b instanceof FloatScalar || typeof b === 'number';
    return fa && fb && num(a) === num(b);
  }
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a === b;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
/** A stable number per object (prim::id); 0 for None. */
export function objectId(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v !== 'object' && typeof v !== 'function') throw new OpError('id() expects an object', 'TypeError');
  let id = ids.get(v as object);
  if (id === undefined) {
    id = nextId++;
    ids.set(v as object, id);
  }
  return id;
}
