/**
 * The toolbox of op implementations: shapes, dims, dtypes and small tensor utilities with
 * PyTorch's error messages. Everything here works on TensorLike through the OpContext.
 */
import * as K from '@tsjit/kernels';
import { canCast, cppDtypeName, type DType, isScalar, scalarDtype, scalarToNumber } from './dtypes.js';
import { OpError } from './op-error.js';
import type { OpContext, Scalar, TensorLike } from './tensor-like.js';

export function numel(sizes: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < sizes.length; i++) n *= sizes[i];
  return n;
}

/**
 * Sizes for a new tensor, checked as PyTorch checks them ("Trying to create tensor with negative
 * dimension -1: [-1, 3]"); also rejects non-integers and element counts past 2^53.
 */
export function checkNewSizes(sizes: readonly number[]): void {
  let n = 1;
  for (let i = 0; i < sizes.length; i++) {
    const d = sizes[i];
    if (!Number.isInteger(d)) throw new OpError(`sizes must be integers, got [${sizes.join(', ')}]`, 'TypeError');
    if (d < 0) throw new OpError(`Trying to create tensor with negative dimension ${d}: [${sizes.join(', ')}]`);
    n *= d;
  }
  if (!Number.isSafeInteger(n)) throw new OpError(`tensor of sizes [${sizes.join(', ')}] is too large`);
}

export function contiguousStrides(sizes: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length);
  let s = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(sizes[i], 1);
  }
  return strides;
}

export function isContiguous(t: TensorLike): boolean {
  let expected = 1;
  for (let i = t.sizes.length - 1; i >= 0; i--) {
    const n = t.sizes[i];
    if (n === 1) continue;
    if (n === 0) return true;
    if (t.strides[i] !== expected) return false;
    expected *= n;
  }
  return true;
}

export function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatSizes(sizes: readonly number[]): string {
  return `[${sizes.join(', ')}]`;
}

/**
 * Whether two tensors' storages share bytes. Storages may be views of one ArrayBuffer (small ones
 * come from shared slabs), so the test is on byte ranges, not on the buffer alone.
 */
export function sharesMemory(a: TensorLike, b: TensorLike): boolean {
  const x = a.data;
  const y = b.data;
  if (x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/** Broadcast shapes with PyTorch's message. */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const d = nd - s.length + i;
      const n = s[i];
      if (out[d] === 1) out[d] = n;
      else if (n !== 1 && n !== out[d]) {
        throw new OpError(
          `The size of tensor a (${out[d]}) must match the size of tensor b (${n}) at non-singleton dimension ${d}`,
        );
      }
    }
  }
  return out;
}

/** A dim in [-ndim, ndim) (or [-1, 0] for a 0-d tensor) made non-negative; IndexError otherwise. */
export function normalizeDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new OpError(
      `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`,
      'IndexError',
    );
  }
  return dim < 0 ? dim + n : dim;
}

/** Normalised, de-duplicated dims (PyTorch: "dim 1 appears multiple times in the list of dims"). */
export function normalizeDims(dims: readonly number[], ndim: number): number[] {
  const out: number[] = [];
  for (const d of dims) {
    const nd = normalizeDim(d, ndim);
    if (out.includes(nd)) throw new OpError(`dim ${nd} appears multiple times in the list of dims`);
    out.push(nd);
  }
  return out;
}

/** A view of t with sizes `sizes` (broadcasting: new leading dims and size-1 dims get stride 0). */
export function expandTo(ctx: OpContext, t: TensorLike, sizes: readonly number[]): TensorLike {
  if (sameSizes(t.sizes, sizes)) return t;
  const nd = sizes.length;
  const off = nd - t.sizes.length;
  if (off < 0) {
    throw new OpError(
      `expand(${torchTensorName(t)}{${formatSizes(t.sizes)}}, size=${formatSizes(sizes)}): the number of sizes provided (${nd}) must be greater or equal to the number of dimensions in the tensor (${t.sizes.length})`,
    );
  }
  const strides = new Array<number>(nd);
  for (let d = 0; d < nd; d++) {
    const i = d - off;
    if (i < 0) strides[d] = 0;
    else if (t.sizes[i] === sizes[d]) strides[d] = t.strides[i];
    else if (t.sizes[i] === 1) strides[d] = 0;
    else {
      throw new OpError(
        `The expanded size of the tensor (${sizes[d]}) must match the existing size (${t.sizes[i]}) at non-singleton dimension ${d}.  Target sizes: ${formatSizes(sizes)}.  Tensor sizes: ${formatSizes(t.sizes)}`,
      );
    }
  }
  return ctx.view(t, sizes, strides, t.offset);
}

export function torchTensorName(t: TensorLike): string {
  return `torch.${cppDtypeName(t.dtype)}Tensor`;
}

/** t itself when it already has `dtype`, else a contiguous converted copy. */
export function toDtype(ctx: OpContext, t: TensorLike, dtype: DType): TensorLike {
  if (t.dtype === dtype) return t;
  const out = ctx.empty(t.sizes, dtype);
  K.copy(out, t);
  return out;
}

/** t itself when contiguous, else a contiguous copy. */
export function contiguous(ctx: OpContext, t: TensorLike): TensorLike {
  if (isContiguous(t)) return t;
  const out = ctx.empty(t.sizes, t.dtype);
  K.copy(out, t);
  return out;
}

/** A new tensor copied from t (contiguous, optionally converted). */
export function clone(ctx: OpContext, t: TensorLike, dtype: DType = t.dtype): TensorLike {
  const out = ctx.empty(t.sizes, dtype);
  K.copy(out, t);
  return out;
}

/** A 0-d tensor holding a scalar (PyTorch's wrapped number). */
export function scalarTensor(ctx: OpContext, s: Scalar, dtype: DType = scalarDtype(s)): TensorLike {
  const out = ctx.empty([], dtype);
  if (typeof s === 'bigint' && dtype === 'int64') {
    new BigInt64Array(out.data.buffer, out.data.byteOffset + out.offset * 8, 1)[0] = s;
  } else {
    K.fill(out, scalarToNumber(s));
  }
  return out;
}

/** A Tensor or a Scalar argument as a tensor of `dtype`. */
export function asTensor(ctx: OpContext, v: TensorLike | Scalar, dtype: DType): TensorLike {
  return isScalar(v) ? scalarTensor(ctx, v, dtype) : toDtype(ctx, v, dtype);
}

/** A new tensor of `sizes` filled with `value`. */
export function full(ctx: OpContext, sizes: readonly number[], value: number, dtype: DType): TensorLike {
  const out = ctx.empty(sizes, dtype);
  if (value !== 0) K.fill(out, value);
  return out;
}

/**
 * Writes an op's result into `dst` (in-place ops and out=), with PyTorch's checks: the result must
 * be castable to dst's dtype; an in-place result must have dst's shape; an out= tensor of another
 * shape is resized.
 */
export function copyInto(ctx: OpContext, dst: TensorLike, result: TensorLike, op: string, isOut: boolean): void {
  // TensorIterator computes the shape before the types: an in-place op on a tensor of the wrong
  // shape reports the shape even when the dtype is wrong too.
  if (!isOut && !sameSizes(dst.sizes, result.sizes)) {
    throw new OpError(
      `output with shape ${formatSizes(dst.sizes)} doesn't match the broadcast shape ${formatSizes(result.sizes)}`,
    );
  }
  if (!canCast(result.dtype, dst.dtype)) {
    // clamp's checks print the destination's TypeMeta (the C++ type name: `long int`).
    const target = CLAMP_OPS.has(op) ? TYPE_META_NAMES[dst.dtype] : cppDtypeName(dst.dtype);
    throw new OpError(`result type ${cppDtypeName(result.dtype)} can't be cast to the desired output type ${target}`);
  }
  if (!sameSizes(dst.sizes, result.sizes)) ctx.resize(dst, result.sizes);
  if (result.data !== dst.data || result.offset !== dst.offset) K.copy(dst, result);
  ctx.bumpVersion(dst);
}

const CLAMP_OPS = new Set([
  'aten::clamp_',
  'aten::clamp_.Tensor',
  'aten::clamp_min_',
  'aten::clamp_min_.Tensor',
  'aten::clamp_max_',
  'aten::clamp_max_.Tensor',
  'aten::clip_',
  'aten::clip_.Tensor',
]);

/** caffe2::TypeMeta's names (what `<<` of a tensor's dtype() prints in C++). */
const TYPE_META_NAMES: Readonly<Record<string, string>> = {
  uint8: 'unsigned char',
  int8: 'signed char',
  int16: 'short int',
  int32: 'int',
  int64: 'long int',
  float16: 'c10::Half',
  bfloat16: 'c10::BFloat16',
  float32: 'float',
  float64: 'double',
  bool: 'bool',
};

/** Reads every element of t (any layout) as numbers in row-major order. */
export function readNumbers(ctx: OpContext, t: TensorLike): number[] {
  const c = toDtype(ctx, contiguous(ctx, t), t.dtype === 'int64' ? 'int64' : 'float64');
  const n = numel(t.sizes);
  const out = new Array<number>(n);
  if (c.dtype === 'int64') {
    const v = new BigInt64Array(c.data.buffer, c.data.byteOffset + c.offset * 8, n);
    for (let i = 0; i < n; i++) out[i] = Number(v[i]);
  } else {
    const v = new Float64Array(c.data.buffer, c.data.byteOffset + c.offset * 8, n);
    for (let i = 0; i < n; i++) out[i] = v[i];
  }
  return out;
}

/** The single value of a one-element tensor. */
export function itemNumber(ctx: OpContext, t: TensorLike): number {
  if (numel(t.sizes) !== 1) {
    throw new OpError(`a Tensor with ${numel(t.sizes)} elements cannot be converted to Scalar`);
  }
  return readNumbers(ctx, t)[0];
}
