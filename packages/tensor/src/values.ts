/**
 * Moving data between JS and tensors: nested arrays and typed arrays in (`tensor`, `fromArray`),
 * numbers out (`item`, `toArray`, `toFlatArray`).
 */
import { type DType, itemSize } from '@tsjit/kernels';
import { bfloat16ToFloat, halfToFloat, helpers, OpError, toDtype, writeElements } from '@tsjit/ops';
import { notifyDataRead } from './data-read-hook.js';
import { eagerContext } from './eager-context.js';
import { Tensor } from './tensor.js';

export type Element = number | boolean | bigint;
export type NestedArray = Element | readonly NestedArray[];
export type TypedArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | BigInt64Array;

export interface TensorOptions {
  dtype?: DType | string;
  requiresGrad?: boolean;
  /** Allocate on a SharedArrayBuffer (visible to worker threads without copying). */
  shared?: boolean;
}

function typedDtype(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof BigInt64Array) return 'int64';
  return 'uint8';
}

function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** Sizes and row-major elements of a nested array; PyTorch's errors for ragged input. */
function flatten(data: NestedArray): { sizes: number[]; values: Element[] } {
  const sizes: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe) || isTypedArray(probe)) {
    sizes.push((probe as ArrayLike<unknown>).length);
    if ((probe as ArrayLike<unknown>).length === 0) break;
    probe = (probe as ArrayLike<unknown>)[0];
  }
  const values: Element[] = [];
  const walk = (v: unknown, d: number) => {
    if (d === sizes.length) {
      if (typeof v !== 'number' && typeof v !== 'boolean' && typeof v !== 'bigint') {
        throw new OpError(`Could not infer dtype of ${v === null ? 'None' : typeof v}`, 'TypeError');
      }
      values.push(v);
      return;
    }
    if (!(Array.isArray(v) || isTypedArray(v)))
      throw new OpError(`expected sequence of length ${sizes[d]} at dim ${d} (got ${typeof v})`, 'ValueError');
    const a = v as ArrayLike<unknown>;
    if (a.length !== sizes[d])
      throw new OpError(`expected sequence of length ${sizes[d]} at dim ${d} (got ${a.length})`, 'ValueError');
    for (let i = 0; i < a.length; i++) walk(a[i], d + 1);
  };
  walk(data, 0);
  return { sizes, values };
}

/** The dtype torch.tensor infers: bool if all booleans, int64 if all integers, else float32. */
function inferDtype(values: readonly Element[]): DType {
  if (values.length === 0) return 'float32';
  let allBool = true;
  let allInt = true;
  for (const v of values) {
    if (typeof v !== 'boolean') allBool = false;
    if (typeof v === 'number' && !Number.isInteger(v)) allInt = false;
  }
  if (allBool) return 'bool';
  return allInt ? 'int64' : 'float32';
}

/** Writes row-major values into a contiguous tensor's storage. */
export function writeValues(t: Tensor, values: ArrayLike<Element>): void {
  writeElements(t.data, t.dtype, t.offset, values);
}

/** Row-major values of any tensor: numbers (bool as boolean, int64 as number, or bigint with `bigints`). */
export function readValues(t: Tensor, bigints = false): Element[] {
  const c = helpers.contiguous(eagerContext, t) as Tensor;
  const n = c.numel();
  const out = new Array<Element>(n);
  const buf = c.data.buffer;
  const at = c.data.byteOffset + c.offset * itemSize[c.dtype];
  switch (c.dtype) {
    case 'float32':
      copyInto(out, new Float32Array(buf, at, n));
      break;
    case 'float64':
      copyInto(out, new Float64Array(buf, at, n));
      break;
    case 'int32':
      copyInto(out, new Int32Array(buf, at, n));
      break;
    case 'int16':
      copyInto(out, new Int16Array(buf, at, n));
      break;
    case 'int8':
      copyInto(out, new Int8Array(buf, at, n));
      break;
    case 'uint8':
      copyInto(out, new Uint8Array(buf, at, n));
      break;
    case 'bool': {
      const a = new Uint8Array(buf, at, n);
      for (let i = 0; i < n; i++) out[i] = a[i] !== 0;
      break;
    }
    case 'int64': {
      const a = new BigInt64Array(buf, at, n);
      for (let i = 0; i < n; i++) out[i] = bigints ? a[i] : Number(a[i]);
      break;
    }
    case 'float16':
    case 'bfloat16': {
      const a = new Uint16Array(buf, at, n);
      const conv = c.dtype === 'float16' ? halfToFloat : bfloat16ToFloat;
      for (let i = 0; i < n; i++) out[i] = conv(a[i]);
      break;
    }
  }
  return out;
}

function copyInto(out: Element[], a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) out[i] = a[i];
}

/** torch.tensor: a new tensor from nested arrays, a typed array, or a scalar. */
export function tensor(data: NestedArray | TypedArray, options: TensorOptions = {}): Tensor {
  let sizes: number[];
  let values: ArrayLike<Element>;
  let inferred: DType;
  if (isTypedArray(data)) {
    sizes = [data.length];
    values = data as ArrayLike<Element>;
    inferred = typedDtype(data);
  } else {
    const f = flatten(data as NestedArray);
    sizes = f.sizes;
    values = f.values;
    inferred = inferDtype(f.values);
  }
  const dtype = options.dtype === undefined ? inferred : toDtype(options.dtype);
  const t = Tensor.empty(sizes, dtype, options.shared);
  writeValues(t, values);
  if (options.requiresGrad) markRequiresGrad(t);
  notifyDataRead('fromData', t);
  return t;
}

/** A tensor of `sizes` from row-major values (a typed array's dtype is the default). */
export function fromArray(
  values: ArrayLike<Element> | TypedArray,
  sizes?: readonly number[],
  options: TensorOptions = {},
): Tensor {
  const shape = sizes ?? [values.length];
  if (helpers.numel(shape) !== values.length) {
    throw new OpError(`shape '[${shape.join(', ')}]' is invalid for input of size ${values.length}`);
  }
  const dtype =
    options.dtype !== undefined
      ? toDtype(options.dtype)
      : isTypedArray(values)
        ? typedDtype(values)
        : inferDtype(Array.from(values as ArrayLike<Element>));
  const t = Tensor.empty(shape, dtype, options.shared);
  writeValues(t, values as ArrayLike<Element>);
  if (options.requiresGrad) markRequiresGrad(t);
  notifyDataRead('fromData', t);
  return t;
}

/** Nested arrays of a tensor's values (`tolist()`); a 0-d tensor gives its value. */
export function toNested(t: Tensor): NestedArray {
  const flat = readValues(t);
  if (t.sizes.length === 0) return flat[0];
  let i = 0;
  const build = (d: number): NestedArray => {
    const n = t.sizes[d];
    const out: NestedArray[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = d === t.sizes.length - 1 ? flat[i++] : build(d + 1);
    return out;
  };
  return build(0);
}

/** `requires_grad=True` of a factory: PyTorch refuses it for integer and bool tensors. */
function markRequiresGrad(t: Tensor): void {
  if (!t.isFloatingPoint()) throw new OpError('Only Tensors of floating point and complex dtype can require gradients');
  t.requiresGrad = true;
}
