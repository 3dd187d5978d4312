import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { quantizeWith } from '../quantized/affine-quantization.js';
import { quantizedRange, storageDtypeOf } from '../quantized/quantizer.js';
import { tensorValues } from '../testing/materialize.js';
import { quantizedDtypeArg } from './quantize-per-tensor.js';

export const quantizePerChannel = defineOp({
  schemas: [
    'aten::quantize_per_channel(Tensor self, Tensor scales, Tensor zero_points, int axis, ScalarType dtype) -> Tensor',
  ],
  impl: ({ self, scales, zero_points, axis, dtype }, ctx) => {
    const q = quantizedDtypeArg(dtype);
    const ndim = self.sizes.length;
    if (axis < 0 || axis >= ndim) {
      throw new OpError(
        `Channel axis out of range in per channel affine quantization. Got: ${axis}Expected: [0, ${ndim})`,
      );
    }
    const s = tensorValues(ctx, scales);
    const z = tensorValues(ctx, zero_points);
    if (s.length !== self.sizes[axis]) throw new OpError('length of scales must equal to channel');
    if (z.length !== self.sizes[axis]) throw new OpError('length of zero_points must equal to channel');
    const [qmin, qmax] = quantizedRange(q);
    for (const zp of z) {
      if (zp > qmax) throw new OpError(`quantize_tensor_per_channel_affine zero_point ${zp} is above upper bound.`);
      if (zp < qmin) throw new OpError(`quantize_tensor_per_channel_affine zero_point ${zp} is below lower bound.`);
    }
    // PyTorch keeps per-channel scales as double and zero points as int64 whatever was passed.
    return quantizeWith(ctx, self, { qscheme: 'per_channel_affine', dtype: q, scales: s, zeroPoints: z, axis });
  },
  meta: ({ self, dtype }) => ({ sizes: self.sizes, dtype: storageDtypeOf(quantizedDtypeArg(dtype)) }),
  nondifferentiable: 'quantization rounds to integers (PyTorch defines no derivative for quantize_per_channel)',
  samples: (S) => [
    S.call('quantize_per_channel', [
      S.t([3, 4], { low: -1, high: 1 }),
      S.of([0.01, 0.02, 0.05], [3], 'float64'),
      S.of([0, 0, 0], [3], 'int64'),
      0,
      'qint8',
    ]),
    S.call('quantize_per_channel', [
      S.t([2, 3], { layout: 'transposed' }),
      S.of([0.1, 0.5, 0.25], [3], 'float32'),
      S.of([1, 2, 3], [3], 'int32'),
      1,
      'quint8',
    ]),
    S.call('quantize_per_channel', [
      S.of([0.05, 0.15, -0.25, 0.5, 0.75, 1.25], [3, 2]),
      S.of([0.1, 0.5], [2], 'float64'),
      S.of([0, -3], [2], 'int64'),
      1,
      'qint8',
    ]),
    S.call('quantize_per_channel', [
      S.t([2, 3, 2], { low: -100, high: 100 }),
      S.of([0.01, 0.1, 1], [3], 'float64'),
      S.of([0, 5, -5], [3], 'int64'),
      1,
      'qint32',
    ]),
    S.error(
      'quantize_per_channel',
      [S.t([3, 2]), S.of([0.1, 0.2], [2], 'float64'), S.of([0, 0], [2], 'int64'), 0, 'qint8'],
      'length of scales must equal to channel',
    ),
    S.error(
      'quantize_per_channel',
      [S.t([3, 2]), S.of([0.1, 0.2, 0.3], [3], 'float64'), S.of([0, 0, 0], [3], 'int64'), 2, 'qint8'],
      'Channel axis out of range in per channel affine quantization. Got: 2Expected: [0, 2)',
    ),
    S.error(
      'quantize_per_channel',
      [S.t([3, 2]), S.of([0.1, 0.2, 0.3], [3], 'float64'), S.of([0, 0, 300], [3], 'int64'), 0, 'qint8'],
      'zero_point 300 is above upper bound',
    ),
  ],
});
