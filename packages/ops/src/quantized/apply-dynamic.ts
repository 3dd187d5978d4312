import { scalarToNumber } from '../core/dtypes.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { chooseQuantizationParams, plainView, quantizeWith } from './affine-quantization.js';
import type { LinearPackedParamsBase } from './linear-packed-params.js';
import { quantizerOf } from './quantizer.js';

/**
 * PackedLinearWeightsOnednn::apply_dynamic (quantized::linear_dynamic on the onednn engine):
 *  1. the float32 input X [..., K] is quantized per call, per tensor, to quint8: its min and max
 *     (0 for an empty input) chosen by ChooseQuantizationParams over 0..255, or 0..127 with
 *     reduce_range;
 *  2. Y_int32 = (Xq - x_zero_point) @ Wq^T, exact: computed in float64, whose integers are exact
 *     below 2^53 (|Xq - zp| <= 255 and |Wq| <= 128, so K up to ~2.7e11);
 *  3. Y = Y_int32 * (x_scale * w_scale[n]) + bias, as float32, shaped [..., N].
 */
export function applyDynamic(
  ctx: OpContext,
  input: TensorLike,
  packed: LinearPackedParamsBase,
  reduceRange: boolean,
): TensorLike {
  const { F } = ctx;
  if (input.quantizer || input.dtype !== 'float32') {
    throw new OpError('qlinear_dynamic (ONEDNN): data type of input should be float.');
  }
  if (input.sizes.length < 2) {
    throw new OpError('The dimension of input tensor should be larger than or equal to 2');
  }
  const k = packed.inFeatures;
  const n = packed.outFeatures;
  const lastDim = input.sizes[input.sizes.length - 1];
  if (lastDim !== k) throw new OpError('could not create a descriptor for a matmul primitive');
  const outSizes = [...input.sizes.slice(0, -1), n];
  const x2 = F.reshape(input, [-1, k]);
  let min = 0;
  let max = 0;
  if (numel(input.sizes) > 0) {
    min = scalarToNumber(F.item(F.min(x2)));
    max = scalarToNumber(F.item(F.max(x2)));
  }
  const qp = chooseQuantizationParams(min, max, 0, 255, reduceRange);
  const xq = quantizeWith(ctx, x2, {
    qscheme: 'per_tensor_affine',
    dtype: 'quint8',
    scale: qp.scale,
    zeroPoint: qp.zeroPoint,
  });
  const xInt = F.sub(F.to(plainView(ctx, xq), 'float64'), qp.zeroPoint);
  const wq = quantizerOf(packed.weight)!;
  let wInt = F.to(plainView(ctx, packed.weight), 'float64');
  if (wq.qscheme === 'per_tensor_affine' && wq.zeroPoint !== 0) wInt = F.sub(wInt, wq.zeroPoint);
  const acc = F.mm(xInt, F.t(wInt));
  // The output scale is float: x_scale (float) times the weight's float scale(s).
  const f32 = Math.fround;
  let y: TensorLike;
  if (wq.qscheme === 'per_tensor_affine') {
    y = F.mul(acc, f32(qp.scale * f32(wq.scale)));
  } else {
    const scales = ctx.empty([n], 'float64');
    const view = new Float64Array(scales.data.buffer, scales.data.byteOffset, n);
    for (let i = 0; i < n; i++) view[i] = f32(qp.scale * f32(wq.scales[i]));
    y = F.mul(acc, scales);
  }
  if (packed.bias !== null) y = F.add(y, F.to(F.reshape(packed.bias, [n]), 'float64'));
  return F.reshape(F.to(y, 'float32'), outSizes);
}
