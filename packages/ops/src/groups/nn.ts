/**
 * Shared machinery of the nn ops (convolution, pooling, upsampling, padding): argument
 * normalisation with PyTorch's messages, reshaping views, and separable "apply a small matrix along
 * one dim" products through the gemm kernel (interpolation, adaptive averaging and their backward
 * passes are all such products).
 */
import * as K from '@tsjit/kernels';
import type { DType } from '../core/dtypes.js';
import { contiguous, formatSizes, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

/** Runs a kernel, turning its argument errors into RuntimeError-kind OpErrors (message without the kernel's prefix). */
export function kernel<T>(fn: () => T, keepPrefix = false): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof K.KernelError && (e as { code?: string }).code === 'ERR_TSJIT_KERNEL_ARGUMENT') {
      const m = keepPrefix ? null : /^[\w-]+: ([\s\S]*)$/.exec(e.message);
      throw new OpError(m ? m[1] : e.message);
    }
    throw e;
  }
}

/** `int[N]` argument: a single int (or a one-element list) repeated N times; a list must have N entries. */
export function expandInts(v: number | readonly number[], n: number, name: string, op: string): number[] {
  const list = Array.isArray(v) ? [...(v as number[])] : [v as number];
  if (list.length === 1 && n > 1) return new Array<number>(n).fill(list[0]);
  if (list.length !== n) {
    throw new OpError(`${op}: ${name} must be a list of ${n} ints, got ${formatSizes(list)}`);
  }
  return list;
}

/** A view of t with contiguous geometry `sizes` (t is copied first when not contiguous). */
export function reshape(ctx: OpContext, t: TensorLike, sizes: readonly number[]): TensorLike {
  const c = contiguous(ctx, t);
  return ctx.view(c, sizes, contiguousStrides(sizes), c.offset);
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

/** A view with dim `dim` (of size 1) inserted. */
export function unsqueezeView(ctx: OpContext, t: TensorLike, dim: number): TensorLike {
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  const s = dim < t.sizes.length ? t.strides[dim] * t.sizes[dim] : 1;
  sizes.splice(dim, 0, 1);
  strides.splice(dim, 0, s);
  return ctx.view(t, sizes, strides, t.offset);
}

/** A view without dim `dim` (of size 1). */
export function squeezeView(ctx: OpContext, t: TensorLike, dim: number): TensorLike {
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  sizes.splice(dim, 1);
  strides.splice(dim, 1);
  return ctx.view(t, sizes, strides, t.offset);
}

/** A view with dims permuted. */
export function permuteView(ctx: OpContext, t: TensorLike, order: readonly number[]): TensorLike {
  return ctx.view(
    t,
    order.map((d) => t.sizes[d]),
    order.map((d) => t.strides[d]),
    t.offset,
  );
}

/** A view narrowed along dim to [start, start + length). */
export function narrowView(ctx: OpContext, t: TensorLike, dim: number, start: number, length: number): TensorLike {
  const sizes = [...t.sizes];
  sizes[dim] = length;
  return ctx.view(t, sizes, t.strides, t.offset + start * t.strides[dim]);
}

/** A [rows, cols] tensor of dtype holding `values` (row-major). */
export function matrix(
  ctx: OpContext,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  dtype: DType,
): TensorLike {
  const m64 = ctx.empty([rows, cols], 'float64');
  new Float64Array(m64.data.buffer, m64.data.byteOffset, rows * cols).set(values);
  if (dtype === 'float64') return m64;
  const m = ctx.empty([rows, cols], dtype);
  K.copy(m, m64);
  return m;
}

/** An int64 1-d tensor of `values`. */
export function indexTensor(ctx: OpContext, values: readonly number[]): TensorLike {
  const t = ctx.empty([values.length], 'int64');
  const v = new BigInt64Array(t.data.buffer, t.data.byteOffset, values.length);
  for (let i = 0; i < values.length; i++) v[i] = BigInt(values[i]);
  return t;
}

/**
 * out = x with dim `dim` (size i) replaced by M @ x along it: M is [o, i] row-major. Floating x only
 * (the product runs in gemm).
 */
export function applyAlong(ctx: OpContext, x: TensorLike, dim: number, m: ArrayLike<number>, o: number): TensorLike {
  const i = x.sizes[dim];
  const outSizes = [...x.sizes];
  outSizes[dim] = o;
  const out = ctx.empty(outSizes, x.dtype);
  if (numel(outSizes) === 0) return out;
  const B = numel(x.sizes.slice(0, dim));
  const R = numel(x.sizes.slice(dim + 1));
  const xc = reshape(ctx, x, [B, i, R]);
  const ov = ctx.view(out, [B, o, R], contiguousStrides([B, o, R]), out.offset);
  const mt = matrix(ctx, m, o, i, x.dtype);
  if (i === 0) return out;
  K.gemm(ov, mt, xc);
  return out;
}

/** The transpose of a row-major [rows, cols] matrix. */
export function transposeMatrix(m: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
  return t;
}

/** out = x gathered along dim with an index list (index_select with a JS list). */
export function selectAlong(ctx: OpContext, x: TensorLike, dim: number, index: readonly number[]): TensorLike {
  const sizes = [...x.sizes];
  sizes[dim] = index.length;
  const out = ctx.empty(sizes, x.dtype);
  if (numel(sizes) === 0) return out;
  K.indexSelect(out, x, dim, indexTensor(ctx, index));
  return out;
}

/** The adjoint of selectAlong: out (dim of size n) += x's slices at `index`. */
export function scatterAlong(
  ctx: OpContext,
  x: TensorLike,
  dim: number,
  index: readonly number[],
  n: number,
): TensorLike {
  const sizes = [...x.sizes];
  sizes[dim] = n;
  const out = ctx.empty(sizes, x.dtype);
  if (numel(x.sizes) === 0) return out;
  K.indexAdd(out, dim, indexTensor(ctx, index), x);
  return out;
}

/** Sum of x over every dim but `keep` (the bias gradient). */
export function sumAllBut(ctx: OpContext, x: TensorLike, keep: number): TensorLike {
  const out = ctx.empty([x.sizes[keep]], x.dtype);
  const dims = x.sizes.map((_, d) => d).filter((d) => d !== keep);
  K.sum(out, x, dims, false);
  return out;
}

export function isFloating(d: DType): boolean {
  return d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';
}

/** Python's repr of an int list as PyTorch prints it in messages: [1, 2]. */
export const sizesText = formatSizes;
