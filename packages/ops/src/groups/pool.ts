/**
 * Pooling on the pool kernels. Backward passes: max pooling scatters the gradient to the recorded
 * argmax positions; average pooling is the transposed convolution of grad / divisor with a kernel
 * of ones (one group per plane); adaptive average pooling is separable (one averaging matrix per
 * spatial dim), so its backward pass applies the transposed matrices.
 */
import * as K from '@tsjit/kernels';
import { formatSizes, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { applyAlong, kernel, narrowView, reshape, transposeMatrix } from './nn.js';

type Nd = 1 | 2 | 3;

function ints(v: number | readonly number[]): number[] {
  return Array.isArray(v) ? [...(v as number[])] : [v as number];
}

export function maxOptions(a: OpArgs): K.MaxPoolOptions {
  const stride = ints(a.stride);
  return {
    kernelSize: ints(a.kernel_size),
    stride: stride.length ? stride : null,
    padding: ints(a.padding),
    dilation: ints(a.dilation),
    ceilMode: a.ceil_mode,
  };
}

export function avgOptions(a: OpArgs): K.AvgPoolOptions {
  const stride = ints(a.stride);
  return {
    kernelSize: ints(a.kernel_size),
    stride: stride.length ? stride : null,
    padding: ints(a.padding),
    ceilMode: a.ceil_mode,
    countIncludePad: a.count_include_pad,
    divisorOverride: a.divisor_override ?? null,
  };
}

/** PyTorch 1.13's CPU dtype support per pooling kernel (and the kernel names its messages use). */
const KERNEL_NAMES: Record<string, string> = {
  max_pool1d: 'max_pool1d_impl',
  max_pool3d: 'max_pool3d_with_indices_cpu',
  adaptive_avg_pool3d: 'adaptive_avg_pool3d_cpu',
  adaptive_max_pool3d: 'adaptive_max_pool3d_cpu',
  avg_pool2d: 'avg_pool2d_out_frame',
  avg_pool3d: 'avg_pool3d_out_frame',
};
function checkDtype(op: string, x: TensorLike, avg: boolean): void {
  const floats = ['float32', 'float64', 'bfloat16'];
  const ok =
    floats.includes(x.dtype) ||
    (avg && op.startsWith('avg_pool') && x.dtype === 'int64') ||
    (op === 'adaptive_avg_pool3d' && x.dtype === 'float16');
  if (!ok) throw new OpError(`"${KERNEL_NAMES[op] ?? op}" not implemented for '${scalarName(x.dtype)}'`);
}

const SCALAR: Record<string, string> = {
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
export function scalarName(d: string): string {
  return SCALAR[d] ?? d;
}

/** (values, indices) of max_pool{nd}d_with_indices. */
export function maxPool(ctx: OpContext, nd: Nd, x: TensorLike, a: OpArgs): [TensorLike, TensorLike] {
  const o = maxOptions(a);
  checkPad(o, nd);
  const sizes = kernel(() => K.maxPoolOutputSizes(nd, x.sizes, o), true);
  checkDtype(`max_pool${nd}d`, x, false);
  const out = ctx.empty(sizes, x.dtype);
  const idx = ctx.empty(sizes, 'int64');
  kernel(() => K.maxPool(nd, out, idx, x, o), true);
  return [out, idx];
}

export function avgPool(ctx: OpContext, nd: Nd, x: TensorLike, a: OpArgs): TensorLike {
  const o = avgOptions(a);
  if (nd === 3 && x.sizes.length >= 3) {
    // avg_pool3d checks the unpadded input against the kernel first (PyTorch 1.13).
    const k = expandN(o.kernelSize, 3);
    const sp = x.sizes.slice(-3);
    if (k.every((v) => v > 0) && sp.some((v, i) => v < k[i])) {
      throw new OpError(
        `input image (T: ${sp[0]} H: ${sp[1]} W: ${sp[2]}) smaller than kernel size (kT: ${k[0]} kH: ${k[1]} kW: ${k[2]})`,
      );
    }
  }
  if (o.divisorOverride === 0) throw new OpError('divisor must be not zero');
  const sizes = kernel(() => K.avgPoolOutputSizes(nd, x.sizes, o), true);
  checkDtype(`avg_pool${nd}d`, x, true);
  const out = ctx.empty(sizes, x.dtype);
  kernel(() => K.avgPool(nd, out, x, o), true);
  return out;
}

/** The gradient of max pooling (also adaptive): grad_output scattered (summed) to the argmax positions. */
export function maxPoolBackward(
  ctx: OpContext,
  nd: Nd,
  grad: TensorLike,
  x: TensorLike,
  indices: TensorLike,
  expected: readonly number[] | null,
): TensorLike {
  if (expected && (grad.sizes.length !== expected.length || grad.sizes.some((s, i) => s !== expected[i]))) {
    throw new OpError(
      `Expected grad_output of size ${formatSizes(expected)}, but got grad_output of size ${formatSizes(grad.sizes)}`,
    );
  }
  if (indices.sizes.length !== grad.sizes.length || indices.sizes.some((s, i) => s !== grad.sizes[i])) {
    throw new OpError(
      `Expected indices of size ${formatSizes(grad.sizes)}, but got indices of size ${formatSizes(indices.sizes)}`,
    );
  }
  const r = x.sizes.length;
  const planes = numel(x.sizes.slice(0, r - nd));
  const gi = ctx.empty(x.sizes, grad.dtype);
  if (numel(grad.sizes) === 0 || numel(x.sizes) === 0) return gi;
  const inPlane = numel(x.sizes.slice(r - nd));
  const outPlane = numel(grad.sizes.slice(r - nd));
  const giv = ctx.view(gi, [planes, inPlane], [inPlane, 1], gi.offset);
  kernel(() => K.scatterAdd(giv, 1, reshape(ctx, indices, [planes, outPlane]), reshape(ctx, grad, [planes, outPlane])));
  return gi;
}

/**
 * The gradient of avg_pool{nd}d: the transposed convolution of grad / divisor with ones. The
 * divisor of every window comes from pooling a tensor of ones (count of real elements, and with
 * count_include_pad the ratio of that count to the divisor).
 */
export function avgPoolBackward(ctx: OpContext, nd: Nd, grad: TensorLike, x: TensorLike, a: OpArgs): TensorLike {
  const o = avgOptions(a);
  const expected = kernel(() => K.avgPoolOutputSizes(nd, x.sizes, o), true);
  if (grad.sizes.length !== expected.length || grad.sizes.some((s, i) => s !== expected[i])) {
    throw new OpError(
      `Expected grad_output of size ${formatSizes(expected)}, but got grad_output of size ${formatSizes(grad.sizes)}`,
    );
  }
  const r = x.sizes.length;
  const spatial = x.sizes.slice(r - nd);
  const outSpatial = expected.slice(r - nd);
  const planes = numel(x.sizes.slice(0, r - nd));
  const gi = ctx.empty(x.sizes, grad.dtype);
  if (numel(x.sizes) === 0 || numel(grad.sizes) === 0) return gi;
  const k = expandN(o.kernelSize, nd);
  const s = o.stride == null ? k : expandN(o.stride, nd);
  const p = expandN(o.padding ?? 0, nd);
  const divisor = ctx.empty([1, 1, ...outSpatial], grad.dtype);
  if (o.divisorOverride != null) K.fill(divisor, o.divisorOverride);
  else {
    const ones = ctx.empty([1, 1, ...spatial], 'float64');
    K.fill(ones, 1);
    const count = ctx.empty([1, 1, ...outSpatial], 'float64');
    K.avgPool(nd, count, ones, { ...o, countIncludePad: false, divisorOverride: 1 });
    if (o.countIncludePad) {
      const ratio = ctx.empty([1, 1, ...outSpatial], 'float64');
      K.avgPool(nd, ratio, ones, { ...o, countIncludePad: true, divisorOverride: null });
      const d = ctx.empty([1, 1, ...outSpatial], 'float64');
      K.binary('div', d, count, ratio);
      K.unary('round', count, d);
    }
    K.copy(divisor, count);
  }
  const g = ctx.empty([1, planes, ...outSpatial], grad.dtype);
  K.binary('div', g, reshape(ctx, grad, [1, planes, ...outSpatial]), divisor);
  const w = ctx.empty([planes, 1, ...k], grad.dtype);
  K.fill(w, 1);
  const natural = outSpatial.map((n, i) => (n - 1) * s[i] - 2 * p[i] + k[i]);
  const outputPadding = natural.map((n, i) => Math.max(spatial[i] - n, 0));
  const full = ctx.empty([1, planes, ...natural.map((n, i) => n + outputPadding[i])], grad.dtype);
  kernel(() => K.convTranspose(full, g, w, null, { stride: s, padding: p, outputPadding, groups: planes }));
  let v = full;
  for (let i = 0; i < nd; i++) v = narrowView(ctx, v, 2 + i, 0, spatial[i]);
  K.copy(reshape(ctx, gi, [1, planes, ...spatial]), v);
  return gi;
}

/** PyTorch 1.13 bounds the padding of max pooling by half the (undilated) kernel size. */
function checkPad(o: K.MaxPoolOptions, nd: number): void {
  const k = expandN(o.kernelSize, nd);
  const p = expandN(o.padding ?? 0, nd);
  if (k.length !== nd || p.length !== nd) return; // the kernel reports malformed lists
  for (let i = 0; i < nd; i++) {
    if (k[i] > 0 && p[i] > Math.floor(k[i] / 2)) {
      throw new OpError(`pad should be at most half of kernel size, but got pad=${p[i]} and kernel_size=${k[i]}`);
    }
  }
}

/** aten::max_pool1d (PyTorch 1.13 runs its own kernel: its own messages, and an empty result instead of an error). */
export function maxPool1dOnly(ctx: OpContext, x: TensorLike, a: OpArgs): TensorLike {
  const o = maxOptions(a);
  const r = x.sizes.length;
  if (r !== 2 && r !== 3) {
    throw new OpError(
      `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${formatSizes(x.sizes)}`,
    );
  }
  const one = (v: number | readonly number[] | null | undefined, name: string): number => {
    const l = v == null ? [] : ints(v);
    if (l.length !== 1) throw new OpError(`max_pool1d() ${name} must be an int or a tuple of one int`);
    return l[0];
  };
  const k = one(o.kernelSize, 'kernel_size');
  const s = o.stride == null ? k : one(o.stride, 'stride');
  const p = one(o.padding, 'padding');
  const d = one(o.dilation, 'dilation');
  if (k <= 0) throw new OpError(`max_pool1d() kernel_size must be greater than zero, but got ${k}`);
  if (s <= 0) throw new OpError(`max_pool1d() stride must be greater than zero, but got ${s}`);
  if (p < 0) throw new OpError(`max_pool1d() padding must be non-negative, but got ${p}`);
  if (p > Math.floor(k / 2)) {
    throw new OpError(
      `max_pool1d() padding should be at most half of kernel size, but got padding=${p} and kernel_size=${k}`,
    );
  }
  if (d <= 0) throw new OpError(`max_pool1d() dilation must be greater than zero, but got ${d}`);
  const L = x.sizes[r - 1];
  if (L === 0 || (r === 3 && x.sizes[1] === 0)) {
    throw new OpError(
      `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${formatSizes(x.sizes)}`,
    );
  }
  let ol = Math.floor((L + 2 * p - d * (k - 1) - 1 + (o.ceilMode ? s - 1 : 0)) / s) + 1;
  if (o.ceilMode && (ol - 1) * s >= L + p) ol--;
  if (ol < 0) throw new OpError(`max_pool1d() Invalid computed output size: ${ol}`);
  if (ol === 0) return ctx.empty([...x.sizes.slice(0, -1), 0], x.dtype);
  return maxPool(ctx, 1, x, a)[0];
}

function expandN(v: number | readonly number[], nd: number): number[] {
  const l = ints(v);
  return l.length === 1 ? new Array<number>(nd).fill(l[0]) : l;
}

/** Row-major [out, in] matrix averaging PyTorch's adaptive windows [floor(o*in/out), ceil((o+1)*in/out)). */
export function adaptiveMatrix(inSize: number, outSize: number): Float64Array {
  const m = new Float64Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    const start = Math.floor((o * inSize) / outSize);
    const end = Math.ceil(((o + 1) * inSize) / outSize);
    for (let i = start; i < end; i++) m[o * inSize + i] = 1 / (end - start);
  }
  return m;
}

export function adaptiveOutputSize(
  op: string,
  x: TensorLike,
  nd: Nd,
  outputSize: number | readonly number[],
): number[] {
  const l = Array.isArray(outputSize) ? [...outputSize] : new Array<number>(nd).fill(outputSize as number);
  if (l.length !== nd) {
    if (nd === 1) {
      throw new OpError(`${op}() argument 'output_size' should contain one int (got ${l.length})`, 'TypeError');
    }
    if (op.startsWith('adaptive_max')) throw new OpError(`${op}(): internal error: output_size.size() must be ${nd}`);
    throw new OpError(`${op}: output_size must be ${nd}`);
  }
  const r = x.sizes.length;
  if (r !== nd + 1 && r !== nd + 2) {
    throw new OpError(`${op}(): Expected ${nd + 1}D or ${nd + 2}D tensor, but got ${formatSizes(x.sizes)}`);
  }
  for (let d = 1; d < r; d++) {
    if (x.sizes[d] === 0 && (op.startsWith('adaptive_max') || nd === 3)) {
      throw new OpError(
        `${op}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${formatSizes(x.sizes)} with dimension ${d} being empty`,
      );
    }
  }
  if (l.some((n) => n < 0))
    throw new OpError(
      `${op}: elements of output_size must be greater than or equal to 0 but received {${l.join(', ')}}`,
    );
  return [...x.sizes.slice(0, r - nd), ...l];
}

export function adaptiveAvgPool(
  ctx: OpContext,
  nd: Nd,
  x: TensorLike,
  outputSize: number | readonly number[],
): TensorLike {
  const op = `adaptive_avg_pool${nd}d`;
  const sizes = adaptiveOutputSize(op, x, nd, outputSize);
  checkDtype(op, x, true);
  const out = ctx.empty(sizes, x.dtype);
  if (numel(sizes) === 0) return out;
  kernel(() => K.adaptiveAvgPool(nd, out, x), true);
  return out;
}

export function adaptiveMaxPool(
  ctx: OpContext,
  nd: Nd,
  x: TensorLike,
  outputSize: number | readonly number[],
): [TensorLike, TensorLike] {
  const op = `adaptive_max_pool${nd}d`;
  const sizes = adaptiveOutputSize(op, x, nd, outputSize);
  checkDtype(op, x, false);
  const out = ctx.empty(sizes, x.dtype);
  const idx = ctx.empty(sizes, 'int64');
  if (numel(sizes) === 0) return [out, idx];
  kernel(() => K.adaptiveMaxPool(nd, out, idx, x), true);
  return [out, idx];
}

/** The gradient of adaptive average pooling: the transposed averaging matrix along every spatial dim. */
export function adaptiveAvgPoolBackward(ctx: OpContext, nd: Nd, grad: TensorLike, x: TensorLike): TensorLike {
  const r = x.sizes.length;
  if (grad.sizes.length !== r) {
    throw new OpError(
      `adaptive_avg_pool${nd}d_backward(): Expected grad_output to have ${r} dims, got ${formatSizes(grad.sizes)}`,
    );
  }
  let g = grad;
  for (let i = 0; i < nd; i++) {
    const d = r - nd + i;
    const m = adaptiveMatrix(x.sizes[d], grad.sizes[d]);
    g = applyAlong(ctx, g, d, transposeMatrix(m, grad.sizes[d], x.sizes[d]), x.sizes[d]);
  }
  return g === grad ? reshape(ctx, grad, grad.sizes) : g;
}
