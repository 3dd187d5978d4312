/**
 * Random fills with PyTorch's CPU kernels' draw order and arithmetic (DistributionTemplates.h,
 * DistributionKernels.cpp in 1.13), so that seeded results match PyTorch: the values are made
 * here in JS (the generator is inherently sequential) and written with the copy kernel.
 *
 * Known differences: PyTorch's AVX2 float32 `normal_` for 16+ contiguous elements uses vectorised
 * log/sin/cos approximations (our values differ in the last bits). In-place fills of
 * non-contiguous tensors draw in memory order (dims by decreasing stride), as PyTorch's
 * TensorIterator walks them.
 */
import { cppDtypeName, type DType, isFloatingDtype } from '../core/dtypes.js';
import type { Generator } from '../core/generator.js';
import { isContiguous, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { writeValues } from './factory.js';

const f32 = Math.fround;

/** Mantissa bits PyTorch's uniform_real_distribution uses for a dtype. */
function digitsOf(dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return 24;
    case 'float16':
      return 11;
    case 'bfloat16':
      return 8;
    default:
      return 53;
  }
}

export function checkFloating(dtype: DType, kernel: string): void {
  if (!isFloatingDtype(dtype)) throw new OpError(`"${kernel}" not implemented for '${cppDtypeName(dtype)}'`);
}

/** n draws of uniform_real_distribution<dtype>(from, to). */
const SPLIT = 134217729; // 2^27 + 1: Veltkamp's splitting constant for doubles

/**
 * a * b + c rounded once (C's fma), from Dekker's exact product and Knuth's two-sum: the exact
 * product is p + e, and s + (err + e) rounds the exact sum except in double-rounding ties, which
 * do not occur for the uniform draws here (a has at most 53 significant bits and c is the bound).
 */
function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const v = s - p;
  const err = p - (s - v) + (c - v);
  return s + (err + e);
}

export function uniformValues(gen: Generator, n: number, dtype: DType, from: number, to: number): Float64Array {
  const out = new Float64Array(n);
  if (dtype === 'float64') {
    // Fused as in PyTorch's kernel (see below): x * range + from with one rounding.
    const range = to - from;
    for (let i = 0; i < n; i++) out[i] = fusedMultiplyAdd(gen.uniformDouble(), range, from);
    return out;
  }
  // float, half and bfloat16 accumulate in float, and PyTorch's CPU kernels are compiled with FMA
  // contraction: x * range + from rounds once. The product of two 24-bit significands is exact in
  // a double, so one f32 of the double sum is that fused result (bit for bit with PyTorch's
  // nn.Linear / nn.Conv initializations, whose bounds are not powers of two).
  const a = f32(from);
  const range = f32(f32(to) - a);
  const digits = digitsOf(dtype);
  for (let i = 0; i < n; i++) out[i] = f32(gen.uniformBits(digits) * range + a);
  return out;
}

/** PyTorch's normal_fill: uniforms for all, then Box-Muller over blocks of 16 (the tail redrawn). */
function normalFill(gen: Generator, n: number, dtype: DType, mean: number, std: number): Float64Array {
  const single = dtype !== 'float64';
  const r = single ? f32 : (x: number) => x;
  const data = uniformValues(gen, n, dtype, 0, 1);
  const m = r(mean);
  const s = r(std);
  const fill16 = (at: number) => {
    for (let j = 0; j < 8; j++) {
      const u1 = r(1 - data[at + j]);
      const u2 = data[at + j + 8];
      const radius = r(Math.sqrt(r(-2 * r(Math.log(u1)))));
      const theta = r(2 * Math.PI * u2);
      data[at + j] = r(r(r(radius * r(Math.cos(theta))) * s) + m);
      data[at + j + 8] = r(r(r(radius * r(Math.sin(theta))) * s) + m);
    }
  };
  for (let i = 0; i + 16 <= n; i += 16) fill16(i);
  if (n % 16 !== 0) {
    const tail = uniformValues(gen, 16, dtype, 0, 1);
    data.set(tail, n - 16);
    fill16(n - 16);
  }
  return data;
}

/** n normal draws as normal_ makes them for a tensor of `dtype` (contiguous decides the path). */
export function normalValues(
  gen: Generator,
  n: number,
  dtype: DType,
  mean: number,
  std: number,
  contiguous: boolean,
): Float64Array {
  if (n >= 16 && contiguous) return normalFill(gen, n, dtype, mean, std);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = gen.normalDouble(mean, std);
  return out;
}

export function checkStd(std: number): void {
  if (!(std >= 0)) throw new OpError(`normal expects std >= 0.0, but found std ${formatFloat(std)}`);
}

/** C++'s default formatting of a double in messages (no trailing .0). */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(Number(x.toPrecision(6)));
}

/** Fills `t` in place with normal draws (normal_). */
export function normalInto(ctx: OpContext, t: TensorLike, mean: number, std: number, gen: Generator): TensorLike {
  checkFloating(t.dtype, 'normal_kernel_cpu');
  checkStd(std);
  writeInMemoryOrder(ctx, t, normalValues(gen, numel(t.sizes), t.dtype, mean, std, isContiguous(t)));
  return t;
}

/** uniform_int_from_to_distribution: (draw % range) + low, 64-bit draws for ranges of 2^32 or more. */
export function randintValues(gen: Generator, n: number, low: number, high: number): Float64Array | BigInt64Array {
  if (!(low < high)) {
    throw new OpError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  }
  const range = high - low;
  if (range >= 2 ** 32) {
    const out = new BigInt64Array(n);
    const r = BigInt(range);
    const base = BigInt(low);
    for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, (gen.random64() % r) + base);
    return out;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (gen.random() % range) + low;
  return out;
}

/** randperm_cpu: the identity shuffled by swapping i with i + random() % (n - i). */
export function randpermValues(gen: Generator, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = gen.random() % (n - i);
    const t = out[i];
    out[i] = out[i + z];
    out[i + z] = t;
  }
  return out;
}

/** bernoulli_(float p): uniform double < p per element. */
export function bernoulliScalarValues(gen: Generator, n: number, p: number): Float64Array {
  if (!(p >= 0 && p <= 1)) throw new OpError(`bernoulli_ expects p to be in [0, 1], but got p=${formatFloat(p)}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = gen.uniformDouble() < p ? 1 : 0;
  return out;
}

/** bernoulli_(Tensor p): per element, a float draw (or a double draw for float64 p) below p. */
export function bernoulliTensorValues(gen: Generator, probs: Float64Array, pDtype: DType): Float64Array {
  const out = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p >= 0 && p <= 1)) throw new OpError('Expected p_in >= 0 && p_in <= 1 to be true, but got false.');
    const u = pDtype === 'float64' ? gen.uniformDouble() : gen.uniformBits(24);
    out[i] = u < p ? 1 : 0;
  }
  return out;
}

/** t's dims in memory order: sorted by decreasing stride (stable; size-1 dims stay put). */
export function memoryOrder(t: TensorLike): number[] {
  return t.sizes
    .map((_, i) => i)
    .sort((a, b) => {
      if (t.sizes[a] === 1 || t.sizes[b] === 1) return 0;
      return t.strides[b] - t.strides[a];
    });
}

/** A view of t with its dims in `order`. */
export function permuted(ctx: OpContext, t: TensorLike, order: readonly number[]): TensorLike {
  return ctx.view(
    t,
    order.map((d) => t.sizes[d]),
    order.map((d) => t.strides[d]),
    t.offset,
  );
}

/**
 * Writes draws into t in the order PyTorch's TensorIterator walks it: memory order of t (or of
 * `like`, a tensor of the same sizes whose layout decides, as for empty_like noise).
 */
export function writeInMemoryOrder(
  ctx: OpContext,
  t: TensorLike,
  values: Float64Array | BigInt64Array,
  like: TensorLike = t,
): void {
  writeValues(ctx, permuted(ctx, t, memoryOrder(like)), values);
  ctx.bumpVersion(t);
}
