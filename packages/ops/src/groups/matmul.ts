/**
 * Matrix products on the native GEMM kernel: dtype checks with PyTorch's messages, batch
 * broadcasting and folding, and integer products (the kernel is floating-point only).
 *
 * Integer products compute in float64 and convert back: exact while every partial sum stays below
 * 2^53 in magnitude (PyTorch's int64 products wrap around on overflow instead; such inputs differ).
 */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType, isFloatingDtype } from '../core/dtypes.js';
import { broadcastShapes, contiguous, expandTo, numel, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

/** The dtype a product of a and b computes in, or PyTorch's error. */
export function productDtype(a: TensorLike, b: TensorLike, kernelName = 'addmm_impl_cpu_'): DType {
  if (a.dtype !== b.dtype) {
    throw new OpError(`expected scalar type ${cppDtypeName(a.dtype)} but found ${cppDtypeName(b.dtype)}`);
  }
  if (a.dtype === 'bool' || a.dtype === 'float16') {
    throw new OpError(`"${kernelName}" not implemented for '${cppDtypeName(a.dtype)}'`);
  }
  return a.dtype;
}

/**
 * Runs a floating-point product: integer operands are converted to float64 and the result back
 * to `dtype`.
 */
export function viaFloat(
  ctx: OpContext,
  dtype: DType,
  tensors: readonly TensorLike[],
  run: (ts: TensorLike[], computeDtype: DType) => TensorLike,
): TensorLike {
  if (isFloatingDtype(dtype)) return run([...tensors], dtype);
  const r = run(
    tensors.map((t) => toDtype(ctx, t, 'float64')),
    'float64',
  );
  return toDtype(ctx, r, dtype);
}

/** A view of t's leading `n` dims merged into one, or null when the strides do not allow it. */
export function mergeLeading(ctx: OpContext, t: TensorLike, n: number): TensorLike | null {
  const lead = t.sizes.slice(0, n);
  const rest = t.sizes.slice(n);
  const restStrides = t.strides.slice(n);
  const total = numel(lead);
  // An empty tensor has no elements to address: any strides do.
  if (numel(t.sizes) === 0) return ctx.view(t, [total, ...rest], [1, ...restStrides], t.offset);
  let stride = 0;
  let expected: number | null = null;
  for (let d = n - 1; d >= 0; d--) {
    if (t.sizes[d] === 1) continue;
    if (expected === null) stride = t.strides[d];
    else if (t.strides[d] !== expected) return null;
    expected = t.strides[d] * t.sizes[d];
  }
  if (expected === null) stride = 1;
  return ctx.view(t, [total, ...rest], [stride, ...restStrides], t.offset);
}

/** t with its leading `n` dims merged (a copy when the strides do not allow a view). */
export function flattenLeading(ctx: OpContext, t: TensorLike, n: number): TensorLike {
  return mergeLeading(ctx, t, n) ?? (mergeLeading(ctx, contiguous(ctx, t), n) as TensorLike);
}

/**
 * a [..., n, k] @ b [..., k, m] with broadcast batch dims (both at least 2-d, same floating
 * dtype, k already checked): the GEMM kernel over the merged batch.
 */
export function batchedProduct(ctx: OpContext, a: TensorLike, b: TensorLike, init?: ProductInit): TensorLike {
  const na = a.sizes.length;
  const nb = b.sizes.length;
  const batch = broadcastShapes(a.sizes.slice(0, -2), b.sizes.slice(0, -2));
  const n = a.sizes[na - 2];
  const k = a.sizes[na - 1];
  const m = b.sizes[nb - 1];
  const sizes = [...batch, n, m];
  if (numel(sizes) === 0 || k === 0) {
    // The product is all zeros (k = 0): beta * self.
    const zeros = ctx.empty(sizes, a.dtype);
    return init === undefined ? zeros : addScaled(ctx, init.self, zeros, init.beta, 1);
  }
  // gemm overwrites every element (beta = 0 never reads out), so the output need not be zeroed.
  const out = ctx.uninitialized(sizes, a.dtype);
  const scalars = init === undefined || init.beta === 0 ? {} : { beta: init.beta };
  if (init !== undefined && init.beta !== 0) K.copy(out, expandTo(ctx, init.self, sizes));
  const B = numel(batch);
  const operand = (t: TensorLike, rows: number, cols: number): TensorLike => {
    if (t.sizes.length === 2) return t;
    const expanded = expandTo(ctx, t, [...batch, rows, cols]);
    return flattenLeading(ctx, expanded, batch.length);
  };
  const out3 = ctx.view(out, [B, n, m], [n * m, m, 1], out.offset);
  const a3 = operand(a, n, k);
  const b3 = operand(b, k, m);
  if (a3.sizes.length === 2 && b3.sizes.length === 2) {
    // Both operands are matrices: one product, broadcast over the (size-1-only) batch.
    K.gemm(ctx.view(out, [n, m], [m, 1], out.offset), a3, b3, scalars);
  } else {
    K.gemm(out3, a3, b3, scalars);
  }
  return out;
}

/**
 * `beta * self + a @ b` computed by the product itself (addmm, linear with a bias): `self` is
 * broadcast into the output and gemm accumulates onto it, instead of a product, a copy and an add.
 */
export interface ProductInit {
  readonly self: TensorLike;
  readonly beta: number;
}

/** PyTorch's `beta * self + alpha * (a @ b)`, fused into the product where alpha is 1. */
export function addProduct(
  ctx: OpContext,
  self: TensorLike,
  a: TensorLike,
  b: TensorLike,
  beta: number,
  alpha: number,
): TensorLike {
  // alpha != 1 keeps the separate scaling: alpha = 0 must still propagate NaN from the product.
  if (alpha !== 1) return addScaled(ctx, self, batchedProduct(ctx, a, b), beta, alpha);
  return batchedProduct(ctx, a, b, { self, beta });
}

/** The 2-d product with torch.mm's checks. */
export function checkMm(a: TensorLike, b: TensorLike): void {
  if (a.sizes.length !== 2) throw new OpError('self must be a matrix');
  if (b.sizes.length !== 2) throw new OpError('mat2 must be a matrix');
  if (a.sizes[1] !== b.sizes[0]) {
    throw new OpError(
      `mat1 and mat2 shapes cannot be multiplied (${a.sizes[0]}x${a.sizes[1]} and ${b.sizes[0]}x${b.sizes[1]})`,
    );
  }
}

export function mmCompute(ctx: OpContext, a: TensorLike, b: TensorLike): TensorLike {
  checkMm(a, b);
  const dtype = productDtype(a, b);
  return viaFloat(ctx, dtype, [a, b], ([x, y]) => batchedProduct(ctx, x, y));
}

export function checkBmm(a: TensorLike, b: TensorLike): void {
  if (a.sizes.length !== 3) throw new OpError('batch1 must be a 3D tensor');
  if (b.sizes.length !== 3) throw new OpError('batch2 must be a 3D tensor');
  if (b.sizes[0] !== a.sizes[0] || b.sizes[1] !== a.sizes[2]) {
    throw new OpError(
      `Expected size for first two dimensions of batch2 tensor to be: [${a.sizes[0]}, ${a.sizes[2]}] but got: [${b.sizes[0]}, ${b.sizes[1]}].`,
    );
  }
}

export function bmmCompute(ctx: OpContext, a: TensorLike, b: TensorLike): TensorLike {
  checkBmm(a, b);
  const dtype = productDtype(a, b);
  return viaFloat(ctx, dtype, [a, b], ([x, y]) => batchedProduct(ctx, x, y));
}

export function checkMv(mat: TensorLike, vec: TensorLike, selfDim = 1, selfSize?: number): void {
  if (selfDim !== 1 || mat.sizes.length !== 2 || vec.sizes.length !== 1) {
    throw new OpError(`vector + matrix @ vector expected, got ${selfDim}, ${mat.sizes.length}, ${vec.sizes.length}`);
  }
  if (mat.sizes[1] !== vec.sizes[0] || (selfSize !== undefined && selfSize !== mat.sizes[0])) {
    throw new OpError(
      `size mismatch, got ${selfSize ?? mat.sizes[0]}, ${mat.sizes[0]}x${mat.sizes[1]},${vec.sizes[0]}`,
    );
  }
}

/** mat [n, k] @ vec [k] as a GEMM with vec viewed as a [k, 1] matrix. */
export function mvCompute(ctx: OpContext, mat: TensorLike, vec: TensorLike): TensorLike {
  checkMv(mat, vec);
  const dtype = productDtype(mat, vec);
  return viaFloat(ctx, dtype, [mat, vec], ([x, v]) => {
    const col = ctx.view(v, [v.sizes[0], 1], [v.strides[0], 1], v.offset);
    const r = batchedProduct(ctx, x, col);
    return ctx.view(r, [x.sizes[0]], [1], r.offset);
  });
}

export function checkDot(a: TensorLike, b: TensorLike, name: string): void {
  if (a.sizes.length !== 1 || b.sizes.length !== 1) {
    throw new OpError(`1D tensors expected, but got ${a.sizes.length}D and ${b.sizes.length}D tensors`);
  }
  if (a.sizes[0] !== b.sizes[0]) {
    throw new OpError(
      `inconsistent tensor size, expected tensor [${a.sizes[0]}] and src [${b.sizes[0]}] to have the same number of elements, but got ${a.sizes[0]} and ${b.sizes[0]} elements respectively`,
    );
  }
  if (a.dtype !== b.dtype) {
    throw new OpError(
      `${name} : expected both vectors to have same dtype, but found ${cppDtypeName(a.dtype)} and ${cppDtypeName(b.dtype)}`,
    );
  }
  if (a.dtype === 'bool' || a.dtype === 'float16') {
    throw new OpError(`"${name}" not implemented for '${cppDtypeName(a.dtype)}'`);
  }
}

/** a [k] . b [k] as a [1, k] @ [k, 1] GEMM. */
export function dotCompute(ctx: OpContext, a: TensorLike, b: TensorLike, name: string): TensorLike {
  checkDot(a, b, name);
  return viaFloat(ctx, a.dtype, [a, b], ([x, y]) => {
    const row = ctx.view(x, [1, x.sizes[0]], [0, x.strides[0]], x.offset);
    const col = ctx.view(y, [y.sizes[0], 1], [y.strides[0], 0], y.offset);
    const r = batchedProduct(ctx, row, col);
    return ctx.view(r, [], [], r.offset);
  });
}

/** beta * self + alpha * product, with self broadcast to the product's sizes (addmm, addmv, baddbmm). */
export function addScaled(
  ctx: OpContext,
  self: TensorLike,
  product: TensorLike,
  beta: number,
  alpha: number,
): TensorLike {
  const s = expandTo(ctx, self, product.sizes);
  const out = ctx.empty(product.sizes, product.dtype);
  // beta = 0 ignores self (NaN and inf in self do not propagate), as in PyTorch.
  if (beta !== 0) K.copy(out, s);
  const p = ctx.empty(product.sizes, product.dtype);
  K.copy(p, product);
  const scaled = ctx.empty([], product.dtype);
  K.fill(scaled, alpha);
  if (alpha !== 1) K.binary('mul', p, p, scaled);
  if (beta !== 0 && beta !== 1) {
    K.fill(scaled, beta);
    K.binary('mul', out, out, scaled);
  }
  K.binary('add', out, out, p);
  return out;
}
