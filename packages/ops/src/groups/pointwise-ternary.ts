/**
 * The ternary kernel's ops (where, clamp, lerp, addcmul, addcdiv): type promotion over all
 * operands, broadcasting, and PyTorch's argument checks.
 */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType, isFloatingDtype, isScalar, resultType, scalarToNumber } from '../core/dtypes.js';
import { asTensor, broadcastShapes, isContiguous, numel, sameSizes, sharesMemory, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, Scalar, TensorLike } from '../core/tensor-like.js';
import { notImplemented } from './pointwise.js';

const sizesOf = (v: TensorLike | Scalar | null | undefined): readonly number[] =>
  v == null || isScalar(v) ? [] : (v as TensorLike).sizes;

/** clamp's result dtype: self promoted with the bounds that are given. */
export function clampDtype(self: TensorLike, min: TensorLike | Scalar | null, max: TensorLike | Scalar | null): DType {
  if (min == null && max == null) throw new OpError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const dtype = resultType([self, ...[min, max].filter((v): v is TensorLike | Scalar => v != null)]);
  const tensors = isScalar(min ?? 0) && isScalar(max ?? 0);
  if (dtype === 'float16') throw notImplemented(tensors ? 'clamp_scalar_cpu' : 'clamp_cpu', dtype);
  return dtype;
}

export function clampSizes(self: TensorLike, min: unknown, max: unknown): number[] {
  return broadcastShapes(self.sizes, sizesOf(min as TensorLike), sizesOf(max as TensorLike));
}

export function clampCompute(
  ctx: OpContext,
  self: TensorLike,
  min: TensorLike | Scalar | null,
  max: TensorLike | Scalar | null,
): TensorLike {
  let dtype = clampDtype(self, min, max);
  // The kernel has no bool path; clamping bools within bool bounds is an elementwise and/or.
  const boolResult = dtype === 'bool';
  if (boolResult) dtype = 'uint8';
  const bound = (v: TensorLike | Scalar | null) =>
    v == null ? null : isScalar(v) ? scalarToNumber(v) : toDtype(ctx, v as TensorLike, dtype);
  const x = toDtype(ctx, self, dtype);
  const out = ctx.empty(clampSizes(self, min, max), dtype);
  K.clamp(out, x, bound(min), bound(max));
  return boolResult ? toDtype(ctx, out, 'bool') : out;
}

/** where(condition, self, other): condition bool (or the deprecated uint8), values promoted. */
export function whereCompute(
  ctx: OpContext,
  condition: TensorLike,
  self: TensorLike | Scalar,
  other: TensorLike | Scalar,
): TensorLike {
  if (condition.dtype !== 'bool' && condition.dtype !== 'uint8') {
    throw new OpError(
      `where expected condition to be a boolean tensor, but got a tensor with dtype ${cppDtypeName(condition.dtype)}`,
    );
  }
  const dtype = whereDtype(self, other);
  const cond = toDtype(ctx, condition, 'bool');
  const a = asTensor(ctx, self, dtype);
  const b = asTensor(ctx, other, dtype);
  const out = ctx.empty(broadcastShapes(cond.sizes, a.sizes, b.sizes), dtype);
  K.where(out, cond, a, b);
  return out;
}

export function whereDtype(self: TensorLike | Scalar, other: TensorLike | Scalar): DType {
  // Two Python scalars: each is its own wrapped number, so their promotion decides (int, int → int64).
  return resultType([self, other]);
}

export function whereSizes(condition: TensorLike, self: unknown, other: unknown): number[] {
  return broadcastShapes(condition.sizes, sizesOf(self as TensorLike), sizesOf(other as TensorLike));
}

/** lerp: every tensor must have self's (floating) dtype. */
export function lerpCompute(
  ctx: OpContext,
  self: TensorLike,
  end: TensorLike,
  weight: TensorLike | Scalar,
): TensorLike {
  const scalarWeight = isScalar(weight);
  if (!isFloatingDtype(self.dtype) || self.dtype === 'float16') {
    throw notImplemented(scalarWeight ? 'lerp_kernel_scalar' : 'lerp_kernel_tensor', self.dtype);
  }
  const expect = (t: TensorLike, name: string) => {
    if (t.dtype !== self.dtype) {
      throw new OpError(`expected dtype ${cLower(self.dtype)} for \`${name}\` but got dtype ${cLower(t.dtype)}`);
    }
  };
  expect(end, 'end');
  if (!scalarWeight) expect(weight as TensorLike, 'weight');
  const sizes = broadcastShapes(self.sizes, end.sizes, sizesOf(weight as TensorLike));
  const out = ctx.empty(sizes, self.dtype);
  K.lerp(out, self, end, scalarWeight ? scalarToNumber(weight as Scalar) : (weight as TensorLike));
  return out;
}

/** PyTorch's lower-case C type names in lerp's message (`float`, `double`). */
function cLower(d: DType): string {
  const names: Record<string, string> = {
    float32: 'float',
    float64: 'double',
    float16: 'c10::Half',
    bfloat16: 'c10::BFloat16',
    int64: 'long int',
    int32: 'int',
    bool: 'bool',
    uint8: 'unsigned char',
  };
  return names[d] ?? d;
}

/** addcmul / addcdiv: self + value * t1 (op) t2 in the promoted dtype. */
export function addcCompute(
  ctx: OpContext,
  kind: 'addcmul' | 'addcdiv',
  self: TensorLike,
  t1: TensorLike,
  t2: TensorLike,
  value: Scalar,
): TensorLike {
  if (kind === 'addcdiv' && !isFloatingDtype(t1.dtype) && !isFloatingDtype(t2.dtype)) {
    throw new OpError(
      'Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.',
    );
  }
  const dtype = resultType([self, t1, t2]);
  if (dtype === 'bool') throw notImplemented(`${kind}_cpu_out`, dtype);
  let v = scalarToNumber(value);
  // An integral computation takes the value as an integer (PyTorch converts the Scalar to the dtype).
  if (!isFloatingDtype(dtype)) v = Math.trunc(v);
  const a = toDtype(ctx, self, dtype);
  const b = toDtype(ctx, t1, dtype);
  const c = toDtype(ctx, t2, dtype);
  const out = ctx.empty(broadcastShapes(a.sizes, b.sizes, c.sizes), dtype);
  if (kind === 'addcmul') K.addcmul(out, a, b, c, v);
  else K.addcdiv(out, a, b, c, v);
  return out;
}

/**
 * `addcmul_` / `addcdiv_` (OpDefinition.inplaceInto; the Adam step runs both on every parameter):
 * the kernel writes into self when self is a contiguous float32/float64 tensor, both tensors have
 * its dtype, broadcast to its shape and do not overlap it. Anything else (promotion, integer
 * values, overlaps) takes the functional path and a copy.
 */
export function addcInplaceInto(kind: 'addcmul' | 'addcdiv'): (args: OpArgs, ctx: OpContext) => boolean {
  return (args, ctx) => {
    const self = args.self as TensorLike;
    const t1 = args.tensor1 as TensorLike;
    const t2 = args.tensor2 as TensorLike;
    if (!ctx.isTensor(self) || !ctx.isTensor(t1) || !ctx.isTensor(t2)) return false;
    if (self.quantizer || t1.quantizer || t2.quantizer) return false;
    if (self.dtype !== 'float32' && self.dtype !== 'float64') return false;
    if (t1.dtype !== self.dtype || t2.dtype !== self.dtype) return false;
    if (!isContiguous(self) || numel(self.sizes) === 0) return false;
    if (sharesMemory(t1, self) || sharesMemory(t2, self)) return false;
    const nd = self.sizes.length;
    if (t1.sizes.length > nd || t2.sizes.length > nd) return false;
    if (!sameSizes(broadcastShapes(self.sizes, t1.sizes, t2.sizes), self.sizes)) return false;
    const v = scalarToNumber(args.value as Scalar);
    if (kind === 'addcmul') K.addcmul(self, self, t1, t2, v);
    else K.addcdiv(self, self, t1, t2, v);
    ctx.bumpVersion(self);
    return true;
  };
}
