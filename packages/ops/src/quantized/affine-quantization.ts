import type { DType } from '@tsjit/kernels';
import { cppDtypeName } from '../core/dtypes.js';
import { writeElements } from '../core/elements.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { attachQuantizer, type Quantizer, quantizedRange, requireQuantized, storageDtypeOf } from './quantizer.js';

/**
 * The arithmetic of PyTorch's affine quantization (fbgemm's `Quantize`, which quantize_per_tensor,
 * quantize_per_channel and the dynamic linear's activations all use):
 *   q = clamp(zero_point + nearbyint(x * inv_scale), qmin, qmax), inv_scale = float(1 / float(scale))
 * in float32: multiplying by the reciprocal (not dividing) and rounding half to even before adding
 * the zero point decide the exactly-halfway cases, so they are kept as PyTorch has them.
 * Dequantization is `(q - zero_point) * float(scale)`.
 */

const f32 = Math.fround;

/** A float32 / int tensor of `values` shaped to broadcast along `axis` of an `ndim`-d tensor. */
function alongAxis(ctx: OpContext, values: readonly number[], dtype: DType, axis: number, ndim: number): TensorLike {
  const sizes = Array.from({ length: ndim }, (_, d) => (d === axis ? values.length : 1));
  const t = ctx.empty(sizes, dtype);
  writeElements(t.data, dtype, t.offset, values);
  return t;
}

/** The float32 tensor `x` quantized with `q`: a new contiguous tensor over q's storage dtype, carrying q. */
export function quantizeWith(ctx: OpContext, x: TensorLike, q: Quantizer): TensorLike {
  const { F } = ctx;
  if (x.dtype !== 'float32') {
    throw new OpError(`Quantize only works on Float Tensor, got ${cppDtypeName(x.dtype)}`, 'RuntimeError');
  }
  const [qmin, qmax] = quantizedRange(q.dtype);
  const src = F.contiguous(x);
  let scaled: TensorLike;
  let zero: number | TensorLike;
  if (q.qscheme === 'per_tensor_affine') {
    scaled = F.mul(src, f32(1 / f32(q.scale)));
    zero = q.zeroPoint;
  } else {
    const inv = q.scales.map((s) => f32(1 / f32(s)));
    scaled = F.mul(src, alongAxis(ctx, inv, 'float32', q.axis, x.sizes.length));
    zero = alongAxis(ctx, q.zeroPoints, 'float64', q.axis, x.sizes.length);
  }
  // Rounded in float32 like fbgemm; the zero point is added in float64 so that qint32 stays exact.
  const rounded = F.to(F.round(scaled), 'float64');
  const shifted = F.clamp(F.add(rounded, zero), qmin, qmax);
  const out = F.to(shifted, storageDtypeOf(q.dtype));
  return attachQuantizer(out, q);
}

/** The real values of a quantized tensor as a new float32 tensor. */
export function dequantizeWith(ctx: OpContext, t: TensorLike): TensorLike {
  const { F } = ctx;
  const q = requireQuantized(t, 'aten::dequantize.self');
  const ints = F.to(plainView(ctx, t), 'float64');
  let real: TensorLike;
  if (q.qscheme === 'per_tensor_affine') {
    real = F.mul(F.sub(ints, q.zeroPoint), f32(q.scale));
  } else {
    const n = t.sizes.length;
    const scales = alongAxis(
      ctx,
      q.scales.map((s) => f32(s)),
      'float64',
      q.axis,
      n,
    );
    real = F.mul(F.sub(ints, alongAxis(ctx, q.zeroPoints, 'float64', q.axis, n)), scales);
  }
  return F.to(real, 'float32');
}

/** The same elements without the quantizer (what int_repr copies; ops that must not see a quantizer). */
export function plainView(ctx: OpContext, t: TensorLike): TensorLike {
  const v = ctx.view(t, t.sizes, t.strides, t.offset);
  if (v.quantizer) v.quantizer = null;
  return v;
}

export interface QuantizationParams {
  /** A float (PyTorch's TensorQuantizationParams keeps it as float). */
  readonly scale: number;
  readonly zeroPoint: number;
}

const SMALL_SCALE_THRESHOLD = f32(6.1e-5);

/**
 * quant_utils::ChooseQuantizationParams of PyTorch 1.13 (without sparsity preservation or
 * power-of-two scales, which the dynamic linear does not ask for): the range is widened to
 * contain 0, the scale computed in double and kept as float, tiny scales raised to 6.1e-5, and the
 * zero point taken from whichever end loses less, nudged into [qmin, qmax] by nearbyint.
 */
export function chooseQuantizationParams(
  minValue: number,
  maxValue: number,
  qminIn: number,
  qmaxIn: number,
  reduceRange: boolean,
): QuantizationParams {
  let min = f32(minValue);
  let max = f32(maxValue);
  if (!(min <= max)) {
    throw new OpError(`In ChooseQuantizationParams, min should be less than or equal to max`, 'RuntimeError');
  }
  let qmin = qminIn;
  let qmax = qmaxIn;
  if (reduceRange) {
    qmin = Math.trunc(qmin / 2);
    qmax = Math.trunc(qmax / 2);
  }
  min = Math.min(min, 0);
  max = Math.max(max, 0);
  let scale = (max - min) / (qmax - qmin);
  if (f32(scale) === 0 || !Number.isFinite(f32(1 / f32(scale)))) scale = 0.1;
  if (scale < SMALL_SCALE_THRESHOLD) {
    const original = scale;
    scale = SMALL_SCALE_THRESHOLD;
    if (min === 0) max = f32(SMALL_SCALE_THRESHOLD * (qmax - qmin));
    else if (max === 0) min = f32(-SMALL_SCALE_THRESHOLD * (qmax - qmin));
    else {
      const amplifier = f32(SMALL_SCALE_THRESHOLD / original);
      min = f32(min * amplifier);
      max = f32(max * amplifier);
    }
  }
  const fromMin = qmin - min / scale;
  const fromMax = qmax - max / scale;
  const fromMinError = Math.abs(qmin) - Math.abs(min / scale);
  const fromMaxError = Math.abs(qmax) - Math.abs(max / scale);
  const initial = fromMinError < fromMaxError ? fromMin : fromMax;
  const zeroPoint = initial < qmin ? qmin : initial > qmax ? qmax : roundHalfEven(initial);
  return { scale: f32(scale), zeroPoint };
}

/** std::nearbyint in the default rounding mode. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Whether a tensor has no elements (min/max of the dynamic linear's input default to 0 then). */
export function isEmpty(t: TensorLike): boolean {
  return numel(t.sizes) === 0;
}
