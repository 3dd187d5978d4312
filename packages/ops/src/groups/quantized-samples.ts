import type { SampleBuilder, SampleValue } from '../core/samples.js';
import { FloatScalar } from '../core/tensor-like.js';

/**
 * Sample values for the quantized ops. A quantized tensor or a packed-parameter object has no
 * tensor spec: it is the result of the op that makes it (`{ $call: ... }`, run by
 * testing/materialize.ts here and by gen_op_goldens.py on PyTorch).
 */
export function opResult(overload: string, args: readonly SampleValue[]): SampleValue {
  return { $call: { overload, args: [...args] } };
}

/** quantize_per_tensor(t, scale, zero_point, dtype). */
export function qTensor(t: SampleValue, scale: number, zeroPoint: number, dtype = 'qint8'): SampleValue {
  return opResult('quantize_per_tensor', [t, scale, zeroPoint, dtype]);
}

/** quantize_per_channel(t, scales (float64), zero_points (int64), axis, dtype). */
export function qTensorPerChannel(
  S: SampleBuilder,
  t: SampleValue,
  scales: readonly number[],
  zeroPoints: readonly number[],
  axis: number,
  dtype = 'qint8',
): SampleValue {
  return opResult('quantize_per_channel', [
    t,
    S.of(scales, [scales.length], 'float64'),
    S.of(zeroPoints, [zeroPoints.length], 'int64'),
    axis,
    dtype,
  ]);
}

/** quantized::linear_prepack(W, B) of a weight [n, k] quantized (qint8, zero point 0) with `scale`. */
export function packedLinear(S: SampleBuilder, n: number, k: number, scale: number, bias: boolean): SampleValue {
  const w = qTensor(S.t([n, k], { low: -0.25, high: 0.25 }), scale, 0);
  return opResult('quantized::linear_prepack', [w, bias ? S.t([n]) : null]);
}

/** A `float` argument's value (a Python float may arrive as a FloatScalar). */
export function floatArg(v: unknown): number {
  return v instanceof FloatScalar ? v.value : Number(v);
}
