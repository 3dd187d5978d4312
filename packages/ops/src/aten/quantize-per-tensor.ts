import { defineOp } from '../core/define-op.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { floatArg } from '../groups/quantized-samples.js';
import { quantizeWith } from '../quantized/affine-quantization.js';
import { quantizedRange, storageDtypeOf, toQuantizedDtype } from '../quantized/quantizer.js';
import { tensorValues } from '../testing/materialize.js';

/** PyTorch's error for a non-quantized ScalarType (new_qtensor's). */
export function quantizedDtypeArg(dtype: unknown): 'qint8' | 'quint8' | 'qint32' {
  const q = toQuantizedDtype(dtype);
  if (q === null) {
    const names: Record<string, string> = { float32: 'Float', float64: 'Double', int64: 'Long', int8: 'Char' };
    const shown = typeof dtype === 'string' ? (names[dtype] ?? dtype) : String(dtype);
    throw new OpError(`ScalarType ${shown} is not supported in new_qtensor.`);
  }
  return q;
}

function perTensor(ctx: OpContext, self: TensorLike, scale: number, zeroPoint: number, dtype: unknown): TensorLike {
  const q = quantizedDtypeArg(dtype);
  const [qmin, qmax] = quantizedRange(q);
  if (zeroPoint > qmax)
    throw new OpError(`quantize_tensor_per_tensor_affine zero_point ${zeroPoint} is above upper bound.`);
  if (zeroPoint < qmin)
    throw new OpError(`quantize_tensor_per_tensor_affine zero_point ${zeroPoint} is below lower bound.`);
  return quantizeWith(ctx, self, { qscheme: 'per_tensor_affine', dtype: q, scale, zeroPoint });
}

function scalarOf(ctx: OpContext, t: TensorLike, what: string): number {
  if (numel(t.sizes) !== 1) throw new OpError(`${what} must be a one-element tensor`);
  return tensorValues(ctx, t)[0];
}

export const quantizePerTensor = defineOp({
  schemas: [
    'aten::quantize_per_tensor(Tensor self, float scale, int zero_point, ScalarType dtype) -> Tensor',
    'aten::quantize_per_tensor.tensor_qparams(Tensor self, Tensor scale, Tensor zero_point, ScalarType dtype) -> Tensor',
    'aten::quantize_per_tensor.tensors(Tensor[] tensors, Tensor scales, Tensor zero_points, ScalarType dtype) -> Tensor[]',
  ],
  impl: {
    '': ({ self, scale, zero_point, dtype }, ctx) => perTensor(ctx, self, floatArg(scale), zero_point, dtype),
    tensor_qparams: ({ self, scale, zero_point, dtype }, ctx) =>
      perTensor(ctx, self, scalarOf(ctx, scale, 'scale'), scalarOf(ctx, zero_point, 'zero_point'), dtype),
    tensors: ({ tensors, scales, zero_points, dtype }, ctx) => {
      const s = tensorValues(ctx, scales);
      const z = tensorValues(ctx, zero_points);
      if (s.length !== tensors.length || z.length !== tensors.length) {
        throw new OpError('quantize_per_tensor: need one scale and zero point per tensor');
      }
      return (tensors as TensorLike[]).map((t, i) => perTensor(ctx, t, s[i], z[i], dtype));
    },
  },
  meta: {
    '': ({ self, dtype }) => ({ sizes: self.sizes, dtype: storageDtypeOf(quantizedDtypeArg(dtype)) }),
  },
  nondifferentiable: 'quantization rounds to integers (PyTorch defines no derivative for quantize_per_tensor)',
  samples: (S) => [
    // Values at exact halves of the scale: rounding is half to even after multiplying by 1/scale.
    S.call('quantize_per_tensor', [S.of([-0.25, -0.15, -0.05, 0.05, 0.15, 0.25, 0.35, 1.0]), 0.1, 0, 'qint8']),
    S.call('quantize_per_tensor', [S.of([0.25, 0.75, -0.25, -0.75, 1.25, 2.5]), 0.5, 3, 'quint8']),
    S.call('quantize_per_tensor', [S.t([3, 4], { low: -20, high: 20 }), 0.1, -5, 'qint8']),
    S.call('quantize_per_tensor', [S.t([3, 4], { layout: 'transposed' }), 0.02, 128, 'quint8']),
    S.call('quantize_per_tensor', [S.t([2, 3], { layout: 'offset' }), 0.0019587951246649027, 0, 'qint8']),
    S.call('quantize_per_tensor', [S.t([4, 3], { layout: 'strided', low: -1e3, high: 1e3 }), 0.001, 7, 'qint32']),
    S.call('quantize_per_tensor', [S.t([]), 0.3, 1, 'qint8']),
    S.call('quantize_per_tensor', [S.t([0, 3]), 0.3, 1, 'quint8']),
    S.call('quantize_per_tensor', [S.expand(S.t([3]), [2, 3]), 0.05, 0, 'qint8']),
    S.call('quantize_per_tensor.tensor_qparams', [
      S.t([5]),
      S.of([0.05], [], 'float64'),
      S.of([2], [], 'int64'),
      'qint8',
    ]),
    S.call('quantize_per_tensor.tensors', [
      [S.t([2, 2]), S.t([3])],
      S.of([0.1, 0.2], [2], 'float64'),
      S.of([0, 10], [2], 'int64'),
      'quint8',
    ]),
    S.error('quantize_per_tensor', [S.t([2]), 0.1, 300, 'qint8'], 'zero_point 300 is above upper bound'),
    S.error('quantize_per_tensor', [S.t([2]), 0.1, -1, 'quint8'], 'zero_point -1 is below lower bound'),
    S.error('quantize_per_tensor', [S.t([2]), 0.1, 0, 'float32'], 'ScalarType Float is not supported in new_qtensor'),
    S.error(
      'quantize_per_tensor',
      [S.t([2], { dtype: 'float64' }), 0.1, 0, 'qint8'],
      'Quantize only works on Float Tensor, got Double',
    ),
  ],
});
