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
  return v instanceof FloatScalar || (typeof v === 'number' && !Number.isSafeInteger(v));
}

/** An int: a bigint, or an integral JS number within ±2^53 (larger JS numbers are floats). */
export function isIntValue(v: unknown): boolean {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v));
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
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v === 0 ? 0 : v) : formatDouble(v);
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
 * A tensor as C++'s `operator<<` prints it (at::print, what TorchScript's `str`, `format` and
 * `print` show): one number format per matrix (PyTorch's __printFormat), values right-aligned in
 * columns, then `[ CPUFloatType{2,2} ]`.
 */
export function tensorString(ctx: OpContext, t: TensorLike, legacyTypeName = false): string {
  // Some messages (a dict's KeyError) print the legacy type name: `torch.FloatTensor`.
  const type = legacyTypeName
    ? `torch.${CPP_TYPE[t.dtype] ?? t.dtype}Tensor`
    : `CPU${CPP_TYPE[t.dtype] ?? t.dtype}Type`;
  const dims = t.sizes;
  const values = readNumbers(ctx, t);
  if (dims.length === 0) return `${formatG(values[0], 6)}\n[ ${type}{} ]`;
  const typeLine = `[ ${type}{${dims.join(',')}} ]`;
  if (values.length === 0) return `[ ${type}{${dims.join(',')}} ]`;
  let out = '';
  if (dims.length === 1) {
    const f = printFormat(values);
    if (f.scale !== 1) out += `${formatG(f.scale, 6)} *\n`;
    for (const x of values) out += `${f.cell(x / f.scale).padStart(f.width)}\n`;
    return out + typeLine;
  }
  const rows = dims[dims.length - 2];
  const cols = dims[dims.length - 1];
  if (dims.length === 2) return printMatrix(values, rows, cols, 0) + typeLine;
  // Higher ranks: one matrix per index of the leading dims, the first of them varying fastest (as PyTorch does).
  const outer = dims.slice(0, -2);
  const strides: number[] = [];
  let acc = rows * cols;
  for (let d = outer.length - 1; d >= 0; d--) {
    strides[d] = acc;
    acc *= outer[d];
  }
  const counter = outer.map(() => 0);
  const blocks: string[] = [];
  for (let n = 0; n < values.length / (rows * cols); n++) {
    const base = counter.reduce((sum, c, d) => sum + c * strides[d], 0);
    blocks.push(
      `(${counter.map((c) => `${c + 1},`).join('')}.,.) = \n${printMatrix(values.slice(base, base + rows * cols), rows, cols, 1)}`,
    );
    for (let d = 0; d < counter.length; d++) {
      counter[d]++;
      if (counter[d] < outer[d]) break;
      counter[d] = 0;
    }
  }
  return blocks.join('\n') + typeLine;
}

function printMatrix(values: readonly number[], rows: number, cols: number, indent: number): string {
  const f = printFormat(values);
  const pad = ' '.repeat(indent);
  const perLine = Math.max(1, Math.floor((80 - indent) / (f.width + 1)));
  let out = pad;
  for (let first = 0; first < cols; first += perLine) {
    const last = Math.min(cols, first + perLine) - 1;
    if (perLine < cols) {
      if (first !== 0) out += '\n';
      // PyTorch starts the first row right after this header, on the same line.
      out += `Columns ${first + 1} to ${last + 1}${pad}`;
    }
    if (f.scale !== 1) out += `${formatG(f.scale, 6)} *\n${pad}`;
    for (let r = 0; r < rows; r++) {
      for (let c = first; c <= last; c++) {
        out += f.cell(values[r * cols + c] / f.scale).padStart(f.width);
        if (c === last) {
          out += '\n';
          if (r !== rows - 1) out += f.scale !== 1 ? `${pad} ` : pad;
        } else out += ' ';
      }
    }
  }
  return out;
}

interface PrintFormat {
  readonly width: number;
  readonly scale: number;
  cell(x: number): string;
}

// PyTorch's __printFormat: integers when every finite value is integral, else fixed with 4
// decimals (scaled by a power of ten when large or small), else scientific.
function printFormat(values: readonly number[]): PrintFormat {
  const finite = values.filter((x) => Number.isFinite(x));
  const intMode = finite.every((x) => x === Math.ceil(x));
  let expMin = 1;
  let expMax = 1;
  const first = values.findIndex((x) => Number.isFinite(x));
  if (first >= 0) {
    expMin = Math.abs(values[first]);
    expMax = Math.abs(values[first]);
    for (const x of values.slice(first)) {
      if (!Number.isFinite(x)) continue;
      if (Math.abs(x) < expMin) expMin = Math.abs(x);
      // PyTorch compares the signed value here.
      if (x > expMax) expMax = Math.abs(x);
    }
    expMin = expMin !== 0 ? Math.floor(Math.log10(expMin)) + 1 : 1;
    expMax = expMax !== 0 ? Math.floor(Math.log10(expMax)) + 1 : 1;
  }
  const scientific = (x: number) => cFormat(x, 'e', 4);
  const fixed = (x: number) => cFormat(x, 'f', 4);
  if (intMode) {
    if (expMax > 9) return { width: 11, scale: 1, cell: scientific };
    return { width: expMax + 1, scale: 1, cell: (x) => formatG(x, 6) };
  }
  if (expMax - expMin > 4) {
    const width = Math.abs(expMax) > 99 || Math.abs(expMin) > 99 ? 12 : 11;
    return { width, scale: 1, cell: scientific };
  }
  if (expMax > 5 || expMax < 0) return { width: 7, scale: 10 ** (expMax - 1), cell: fixed };
  return { width: expMax === 0 ? 7 : expMax + 6, scale: 1, cell: fixed };
}

/** C's `%.<digits>e` / `%.<digits>f` (nan, inf as C prints them). */
function cFormat(x: number, kind: 'e' | 'f', digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (kind === 'f') return x.toFixed(digits);
  const [m, e] = x.toExponential(digits).split('e');
  const ex = Number(e);
  return `${m}e${ex < 0 ? '-' : '+'}${Math.abs(ex) < 10 ? '0' : ''}${Math.abs(ex)}`;
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
  // PyTorch compares strings by object, which JS strings do not have: we compare their text.
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

/** A value's TorchScript type as Python annotations spell it (`List[int]`, `Dict[str, float]`), from its contents. */
export function typeAnnotation(v: unknown): string {
  if (v instanceof Map) {
    const first = v.entries().next();
    return first.done
      ? 'Dict[str, Tensor]'
      : `Dict[${typeAnnotation(first.value[0])}, ${typeAnnotation(first.value[1])}]`;
  }
  if (isTuple(v)) return `Tuple[${v.map((e) => typeAnnotation(e)).join(', ')}]`;
  if (Array.isArray(v)) return `List[${v.length ? typeAnnotation(v[0]) : 'Tensor'}]`;
  if (isDevice(v)) return 'Device';
  if (v === null || v === undefined) return 'NoneType';
  return typeName(v);
}

/**
 * The most elements (or characters) a builtin builds in one go: beyond it PyTorch's allocation
 * would fail or take minutes; we report std::bad_alloc as it does.
 */
export const MAX_BUILTIN_LENGTH = 2 ** 24;

export function checkLength(n: number): void {
  if (n > MAX_BUILTIN_LENGTH) throw new OpError('std::bad_alloc');
}
