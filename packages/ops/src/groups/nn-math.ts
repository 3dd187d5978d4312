/**
 * Kernel-level arithmetic for the activation, normalization and loss ops: every operand is
 * converted to one floating compute dtype and every result is a new tensor of that dtype. These
 * are plain helpers (not ops), so the nn ops do not depend on other families' op files.
 */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType, isFloatingDtype, isScalar, scalarToNumber } from '../core/dtypes.js';
import { broadcastShapes, contiguous, contiguousStrides, numel, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, Scalar, TensorLike } from '../core/tensor-like.js';

type T = TensorLike;
export type Operand = T | number;

/** A number from a Scalar / float argument (a Python float arrives as FloatScalar). */
export function num(v: unknown): number {
  return isScalar(v) ? scalarToNumber(v as Scalar) : (v as number);
}

/** The floating dtype an activation computes in; integer inputs are refused as PyTorch does. */
export function floatingOnly(t: T, kernelName: string): DType {
  if (!isFloatingDtype(t.dtype)) {
    throw new OpError(`"${kernelName}" not implemented for '${cppDtypeName(t.dtype)}'`);
  }
  return t.dtype;
}

export class Calc {
  constructor(
    readonly ctx: OpContext,
    readonly dtype: DType,
  ) {}

  /** An operand as a tensor of the compute dtype (numbers become 0-d tensors). */
  t(v: Operand): T {
    if (typeof v === 'number') {
      const out = this.ctx.empty([], this.dtype);
      K.fill(out, v);
      return out;
    }
    return toDtype(this.ctx, v, this.dtype);
  }

  empty(sizes: readonly number[]): T {
    return this.ctx.empty(sizes, this.dtype);
  }

  full(sizes: readonly number[], value: number): T {
    const out = this.ctx.empty(sizes, this.dtype);
    if (value !== 0) K.fill(out, value);
    return out;
  }

  bin(op: K.BinaryOp, a: Operand, b: Operand): T {
    const x = this.t(a);
    const y = this.t(b);
    const sizes = broadcastShapes(x.sizes, y.sizes);
    const out = this.ctx.uninitialized(sizes, K.binaryOutputDtype(op, this.dtype)!);
    K.binary(op, out, x, y);
    return out;
  }
  add(a: Operand, b: Operand): T {
    return this.bin('add', a, b);
  }
  sub(a: Operand, b: Operand): T {
    return this.bin('sub', a, b);
  }
  mul(a: Operand, b: Operand): T {
    return this.bin('mul', a, b);
  }
  div(a: Operand, b: Operand): T {
    return this.bin('div', a, b);
  }
  pow(a: Operand, b: Operand): T {
    return this.bin('pow', a, b);
  }
  max(a: Operand, b: Operand): T {
    return this.bin('maximum', a, b);
  }
  min(a: Operand, b: Operand): T {
    return this.bin('minimum', a, b);
  }
  /** Comparisons (bool results). */
  cmp(op: 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne', a: Operand, b: Operand): T {
    return this.bin(op, a, b);
  }

  un(op: K.UnaryOp, a: Operand, options?: K.UnaryOptions): T {
    const x = this.t(a);
    const out = this.ctx.uninitialized(x.sizes, this.dtype);
    K.unary(op, out, x, options);
    return out;
  }

  where(cond: T, a: Operand, b: Operand): T {
    const x = this.t(a);
    const y = this.t(b);
    const sizes = broadcastShapes(cond.sizes, x.sizes, y.sizes);
    const out = this.ctx.empty(sizes, this.dtype);
    K.where(out, cond, x, y);
    return out;
  }

  clamp(a: Operand, lo: number | null, hi: number | null): T {
    const x = this.t(a);
    const out = this.ctx.empty(x.sizes, this.dtype);
    K.clamp(out, x, lo, hi);
    return out;
  }

  reduce(kind: 'sum' | 'mean' | 'amax' | 'logsumexp', a: T, dims: number[] | null, keepdim = false): T {
    const x = this.t(a);
    const all = dims === null;
    const ds = all ? x.sizes.map((_, i) => i) : dims;
    const sizes = x.sizes.flatMap((n, d) => (ds.includes(d) ? (keepdim ? [1] : []) : [n]));
    const out = this.ctx.empty(sizes, this.dtype);
    K[kind](out, x, all ? null : ds, keepdim);
    return out;
  }
  sum(a: T, dims: number[] | null = null, keepdim = false): T {
    return this.reduce('sum', a, dims, keepdim);
  }
  mean(a: T, dims: number[] | null = null, keepdim = false): T {
    return this.reduce('mean', a, dims, keepdim);
  }
  /** Variance along dims with `correction` (0 biased, 1 unbiased). */
  variance(a: T, dims: number[], correction: number, keepdim = false): T {
    const x = this.t(a);
    const sizes = x.sizes.flatMap((n, d) => (dims.includes(d) ? (keepdim ? [1] : []) : [n]));
    const out = this.ctx.empty(sizes, this.dtype);
    K.variance(out, x, dims, correction, keepdim);
    return out;
  }

  /** A contiguous tensor of new sizes with t's elements in row-major order (a view when t is contiguous). */
  reshape(a: T, sizes: readonly number[]): T {
    const x = contiguous(this.ctx, a);
    if (numel(sizes) !== numel(x.sizes)) throw new OpError(`shape '[${sizes.join(', ')}]' is invalid`);
    return this.ctx.view(x, sizes, contiguousStrides(sizes), x.offset);
  }

  /** A view of `a` narrowed to [start, start + length) along dim. */
  narrow(a: T, dim: number, start: number, length: number): T {
    const sizes = [...a.sizes];
    sizes[dim] = length;
    return this.ctx.view(a, sizes, a.strides, a.offset + start * a.strides[dim]);
  }

  /** A view with dims a and b swapped. */
  transpose(x: T, a: number, b: number): T {
    const sizes = [...x.sizes];
    const strides = [...x.strides];
    [sizes[a], sizes[b]] = [sizes[b], sizes[a]];
    [strides[a], strides[b]] = [strides[b], strides[a]];
    return this.ctx.view(x, sizes, strides, x.offset);
  }

  /** Batched a @ b for 2-d (m,k)@(k,n) or 3-d (b,m,k)@(b,k,n) operands. */
  matmul(a: Operand, b: Operand): T {
    const x = this.t(a);
    const y = this.t(b);
    if (x.sizes.length === 2) {
      const out = this.ctx.empty([x.sizes[0], y.sizes[1]], this.dtype);
      K.mm(out, x, y);
      return out;
    }
    const out = this.ctx.empty([x.sizes[0], x.sizes[1], y.sizes[2]], this.dtype);
    K.bmm(out, x, y);
    return out;
  }

  copy(a: T): T {
    const out = this.ctx.empty(a.sizes, this.dtype);
    K.copy(out, a);
    return out;
  }
}

/** The loss reduction (0 none, 1 mean, 2 sum) of an elementwise loss. */
export function applyReduction(c: Calc, loss: T, reduction: number): T {
  if (reduction === 0) return loss;
  if (reduction === 1) return c.mean(loss);
  if (reduction === 2) return c.sum(loss);
  throw new OpError(`${reduction} is not a valid value for reduction`);
}
