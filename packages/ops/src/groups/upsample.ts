/**
 * Upsampling (F.interpolate's aten ops) as separable one-dim resamplings with PyTorch's source-index
 * formulas. Nearest modes gather rows (any dtype; their backward pass sums rows back with
 * index_add); linear, cubic and the antialiased filters are a small [out, in] weight matrix per
 * spatial dim applied with gemm (their backward pass applies the transposed matrices).
 */
import * as K from '@tsjit/kernels';
import { formatSizes, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { applyAlong, isFloating, kernel, reshape, scatterAlong, selectAlong, transposeMatrix } from './nn.js';
import { scalarName } from './pool.js';

export type UpsampleMode = 'nearest' | 'nearest-exact' | 'linear' | 'cubic' | 'linear-aa' | 'cubic-aa';

const f32 = Math.fround;

/** PyTorch's area_pixel_compute_scale. */
function areaScale(inSize: number, outSize: number, alignCorners: boolean, scale: number | null): number {
  if (alignCorners) return outSize > 1 ? (inSize - 1) / (outSize - 1) : 0;
  return scale != null && scale > 0 ? 1 / scale : inSize / outSize;
}

/** Source rows of nearest / nearest-exact (PyTorch computes the scale in float). */
function nearestIndex(inSize: number, outSize: number, scale: number | null, exact: boolean): number[] {
  const s = f32(scale != null && scale > 0 ? f32(1 / scale) : f32(inSize / outSize));
  const idx = new Array<number>(outSize);
  for (let o = 0; o < outSize; o++) {
    // PyTorch's channels-last kernel shortcuts out == 2 * in to o >> 1 even when a scale is given;
    // its general kernel (followed here) always uses the scale.
    const src = exact ? Math.floor(f32(f32(o + 0.5) * s)) : Math.floor(f32(o * s));
    idx[o] = Math.min(src, inSize - 1);
  }
  return idx;
}

function cubic1(x: number, a: number): number {
  return ((a + 2) * x - (a + 3)) * x * x + 1;
}
function cubic2(x: number, a: number): number {
  return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
}

/** The [out, in] resampling matrix of one dim for the interpolating modes. */
function weightMatrix(
  mode: UpsampleMode,
  inSize: number,
  outSize: number,
  alignCorners: boolean,
  scale: number | null,
): Float64Array {
  const m = new Float64Array(outSize * inSize);
  const s = areaScale(inSize, outSize, alignCorners, scale);
  for (let o = 0; o < outSize; o++) {
    const row = o * inSize;
    if (mode === 'linear') {
      const src = alignCorners ? s * o : Math.max(s * (o + 0.5) - 0.5, 0);
      const i0 = Math.min(Math.floor(src), inSize - 1);
      const i1 = i0 + (i0 < inSize - 1 ? 1 : 0);
      const l1 = src - i0;
      m[row + i0] += 1 - l1;
      m[row + i1] += l1;
    } else if (mode === 'cubic') {
      const src = alignCorners ? s * o : s * (o + 0.5) - 0.5;
      const i = Math.floor(src);
      const t = src - i;
      const A = -0.75;
      const w = [cubic2(t + 1, A), cubic1(t, A), cubic1(1 - t, A), cubic2(2 - t, A)];
      for (let k = 0; k < 4; k++) m[row + Math.min(Math.max(i - 1 + k, 0), inSize - 1)] += w[k];
    } else {
      // Antialiasing: a filter stretched by the downscale factor, normalised per output row.
      const cubicAa = mode === 'cubic-aa';
      const interp = cubicAa ? 4 : 2;
      const support = s >= 1 ? interp * 0.5 * s : interp * 0.5;
      const center = s * (o + 0.5);
      const inv = s >= 1 ? 1 / s : 1;
      const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
      const xsize = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
      let total = 0;
      const ws: number[] = [];
      for (let j = 0; j < xsize; j++) {
        const x = Math.abs((j + xmin - center + 0.5) * inv);
        let w = 0;
        if (cubicAa) {
          const a = -0.5;
          if (x < 1) w = cubic1(x, a);
          else if (x < 2) w = cubic2(x, a);
        } else if (x < 1) w = 1 - x;
        ws.push(w);
        total += w;
      }
      for (let j = 0; j < xsize; j++) m[row + xmin + j] = total !== 0 ? ws[j] / total : ws[j];
    }
  }
  return m;
}

/** A float argument (a FloatScalar keeps Python's 2.0 apart from 2). */
function num(v: unknown): number {
  return typeof v === 'object' && v !== null ? Number((v as { value: number }).value) : Number(v);
}

const NATIVE: Partial<Record<UpsampleMode, K.UpsampleMode>> = {
  linear: 'bilinear',
  cubic: 'bicubic',
  nearest: 'nearest',
  'nearest-exact': 'nearest-exact',
};

const LETTERS = [['W'], ['H', 'W'], ['D', 'H', 'W']];

/** Validates the input and the output sizes with PyTorch's messages. */
function checkSizes(nd: number, inSizes: readonly number[], out: readonly number[]): void {
  const inSp = inSizes.slice(2);
  const L = LETTERS[nd - 1];
  if (inSp.some((v) => v <= 0) || out.some((v) => v <= 0)) {
    const fmt = (v: readonly number[]) => v.map((x, i) => `${L[i]}: ${x}`).join(', ');
    throw new OpError(
      `Input and output sizes should be greater than 0, but got input (${fmt(inSp)}) output (${fmt(out)})`,
    );
  }
}

export interface UpsampleSpec {
  outSpatial: number[];
  /** Per-dim scale as given (null: derive it from the sizes). */
  scales: (number | null)[];
}

/** Output size and scales of a `.vec` overload (output_size xor scale_factors). */
export function vecSpec(
  nd: number,
  inSizes: readonly number[],
  outputSize: readonly number[] | null,
  scaleFactors: readonly number[] | null,
): UpsampleSpec {
  if ((outputSize == null) === (scaleFactors == null)) {
    throw new OpError('Must specify exactly one of output_size and scale_factors');
  }
  if (outputSize != null) {
    if (outputSize.length !== nd) {
      throw new OpError(
        'Expected static_cast<int64_t>(output_size->size()) == spatial_dimensions to be true, but got false.',
      );
    }
    return { outSpatial: [...outputSize], scales: new Array(nd).fill(null) };
  }
  const sf = (scaleFactors as readonly unknown[]).map(num);
  if (sf.length !== nd) {
    throw new OpError(
      'Expected static_cast<int64_t>(scale_factors->size()) == spatial_dimensions to be true, but got false.',
    );
  }
  const sp = inSizes.slice(inSizes.length - nd);
  return { outSpatial: sp.map((n, i) => Math.floor(n * sf[i])), scales: [...sf] };
}

/** Output size and scales of a plain overload (output_size plus optional scales_d/h/w). */
export function plainSpec(nd: number, outputSize: readonly number[], a: OpArgs): UpsampleSpec {
  const names = nd === 1 ? ['scales'] : nd === 2 ? ['scales_h', 'scales_w'] : ['scales_d', 'scales_h', 'scales_w'];
  const os = Array.isArray(outputSize) ? [...outputSize] : [outputSize as unknown as number];
  if (os.length !== nd) {
    throw new OpError(`It is expected output_size equals to ${nd}, but got size ${os.length}`);
  }
  return { outSpatial: os, scales: names.map((n) => (a[n] == null ? null : num(a[n]))) };
}

function checkInput(nd: number, x: TensorLike): void {
  if (x.sizes.length !== nd + 2) {
    throw new OpError(`It is expected input_size equals to ${nd + 2}, but got size ${x.sizes.length}`);
  }
}

export function upsample(
  ctx: OpContext,
  mode: UpsampleMode,
  nd: number,
  x: TensorLike,
  spec: UpsampleSpec,
  alignCorners: boolean,
): TensorLike {
  checkInput(nd, x);
  checkSizes(nd, x.sizes, spec.outSpatial);
  if (x.sizes.slice(1).some((v) => v === 0)) {
    throw new OpError(`Non-empty ${nd + 2}D data tensor expected but got a tensor with sizes ${formatSizes(x.sizes)}`);
  }
  const nearest = mode === 'nearest' || mode === 'nearest-exact';
  if (!nearest && !isFloating(x.dtype)) {
    const fn = mode.startsWith('cubic') ? 'compute_indices_weights_cubic' : 'compute_indices_weights_linear';
    throw new OpError(`"${mode.endsWith('aa') ? `${fn}_aa` : fn}" not implemented for '${scalarName(x.dtype)}'`);
  }
  if (nearest && !['uint8', 'float32', 'float64', 'bfloat16'].includes(x.dtype)) {
    const kname = nd === 3 ? 'upsample_nearest3d_channels_last' : 'compute_indices_weights_nearest';
    throw new OpError(`"${kname}" not implemented for '${scalarName(x.dtype)}'`);
  }
  let y = x;
  if (numel(x.sizes) === 0) return ctx.empty([...x.sizes.slice(0, 2), ...spec.outSpatial], x.dtype);
  const native = NATIVE[mode];
  const [sh, sw] = spec.scales;
  if (nd === 2 && native && (sh == null) === (sw == null)) {
    // The native 2-d kernel computes PyTorch's formulas directly (faster than two resampling products).
    const out = ctx.empty([...x.sizes.slice(0, 2), ...spec.outSpatial], x.dtype);
    kernel(() =>
      K.upsample2d(out, x, {
        mode: native,
        alignCorners: native === 'bilinear' || native === 'bicubic' ? alignCorners : null,
        scaleFactors: sh == null ? null : [sh, sw as number],
      }),
    );
    return out;
  }
  for (let i = 0; i < nd; i++) {
    const d = 2 + i;
    const inSize = x.sizes[d];
    const outSize = spec.outSpatial[i];
    if (nearest) {
      y = selectAlong(ctx, y, d, nearestIndex(inSize, outSize, spec.scales[i], mode === 'nearest-exact'));
    } else {
      y = applyAlong(ctx, y, d, weightMatrix(mode, inSize, outSize, alignCorners, spec.scales[i]), outSize);
    }
  }
  return y;
}

/** The backward op: grad_output [N, C, *out] to grad_input [N, C, *in] (input_size). */
export function upsampleBackward(
  ctx: OpContext,
  mode: UpsampleMode,
  nd: number,
  grad: TensorLike,
  inputSize: readonly number[],
  spec: UpsampleSpec,
  alignCorners: boolean,
): TensorLike {
  if (inputSize.length !== nd + 2) {
    throw new OpError(`It is expected input_size equals to ${nd + 2}, but got size ${inputSize.length}`);
  }
  checkSizes(nd, inputSize, spec.outSpatial);
  const expected = [inputSize[0], inputSize[1], ...spec.outSpatial];
  if (grad.sizes.length !== expected.length || grad.sizes.some((v, i) => v !== expected[i])) {
    const d = grad.sizes.length !== expected.length ? 0 : grad.sizes.findIndex((v, i) => v !== expected[i]);
    if (nd === 1) {
      throw new OpError(
        `Expected a tensor of dimension 3 and tensor.size[${d}] == ${expected[d]} but got: dimension ${grad.sizes.length} and tensor.size[${d}] = ${grad.sizes[d]}`,
      );
    }
    throw new OpError(
      `Expected grad_output to have the same shape as output; output.size(${d}) = ${expected[d]} but got grad_output.size(${d}) = ${grad.sizes[d]}`,
    );
  }
  const nearest = mode === 'nearest' || mode === 'nearest-exact';
  if (numel(grad.sizes) === 0) return ctx.empty(inputSize, grad.dtype);
  let g = grad;
  for (let i = nd - 1; i >= 0; i--) {
    const d = 2 + i;
    const inSize = inputSize[d];
    const outSize = spec.outSpatial[i];
    if (nearest) {
      g = scatterAlong(ctx, g, d, nearestIndex(inSize, outSize, spec.scales[i], mode === 'nearest-exact'), inSize);
    } else {
      const m = weightMatrix(mode, inSize, outSize, alignCorners, spec.scales[i]);
      g = applyAlong(ctx, g, d, transposeMatrix(m, outSize, inSize), inSize);
    }
  }
  return g === grad ? reshape(ctx, grad, grad.sizes) : g;
}
