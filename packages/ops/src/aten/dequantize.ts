import { defineOp } from '../core/define-op.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { dequantizeWith } from '../quantized/affine-quantization.js';
import { isQuantized } from '../quantized/quantizer.js';

/** A quantized tensor's real values; any other tensor converted to float32, as PyTorch does. */
function dequantizeOne(ctx: OpContext, t: TensorLike): TensorLike {
  return isQuantized(t) ? dequantizeWith(ctx, t) : ctx.F.to(t, 'float32');
}

export const dequantize = defineOp({
  schemas: ['aten::dequantize.self(Tensor self) -> Tensor', 'aten::dequantize.tensors(Tensor[] tensors) -> Tensor[]'],
  impl: {
    self: ({ self }, ctx) => dequantizeOne(ctx, self),
    tensors: ({ tensors }, ctx) => (tensors as TensorLike[]).map((t) => dequantizeOne(ctx, t)),
  },
  meta: { self: ({ self }) => ({ sizes: self.sizes, dtype: 'float32' }) },
  nondifferentiable: 'its input is a quantized tensor (integers), which autograd does not track',
  samples: (S) => [
    S.call('dequantize.self', [qTensor(S.t([3, 4]), 0.1, 0)]),
    S.call('dequantize.self', [qTensor(S.t([2, 3], { layout: 'transposed' }), 0.02, 131, 'quint8')]),
    S.call('dequantize.self', [qTensor(S.t([5], { low: -1e3, high: 1e3 }), 0.003, -17, 'qint32')]),
    S.call('dequantize.self', [qTensor(S.t([]), 0.3, 4)]),
    S.call('dequantize.self', [qTensor(S.t([0, 2]), 0.3, 4)]),
    S.call('dequantize.self', [qTensorPerChannel(S, S.t([3, 2]), [0.01, 0.1, 0.3], [0, 2, -3], 0)]),
    S.call('dequantize.self', [qTensorPerChannel(S, S.t([2, 3]), [0.01, 0.1, 0.3], [10, 20, 30], 1, 'quint8')]),
    // Tensors that are not quantized are converted to float.
    S.call('dequantize.self', [S.t([2, 2], { dtype: 'float64' })]),
    S.call('dequantize.self', [S.ints([3])]),
    S.call('dequantize.tensors', [[qTensor(S.t([2]), 0.1, 1), qTensor(S.t([3]), 0.2, 0, 'quint8')]]),
  ],
});
