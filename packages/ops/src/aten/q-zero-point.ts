import { defineOp } from '../core/define-op.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { perTensorOnly } from '../quantized/qscheme-errors.js';
import { requireQuantized } from '../quantized/quantizer.js';

export const qZeroPoint = defineOp({
  schemas: ['aten::q_zero_point(Tensor self) -> int'],
  impl: ({ self }) => {
    const q = requireQuantized(self, 'aten::q_zero_point');
    if (q.qscheme !== 'per_tensor_affine') throw perTensorOnly();
    return q.zeroPoint;
  },
  nondifferentiable: 'integer output',
  samples: (S) => [
    S.call('q_zero_point', [qTensor(S.t([3]), 0.0019587951246649027, 0)]),
    S.call('q_zero_point', [qTensor(S.t([2, 2]), 0.25, 17, 'quint8')]),
    S.error(
      'q_zero_point',
      [qTensorPerChannel(S, S.t([2, 2]), [0.1, 0.2], [0, 0], 0)],
      'quantizer->qscheme() == kPerTensorAffine',
    ),
    S.error('q_zero_point', [S.t([2])], "Could not run 'aten::q_zero_point' with arguments from the 'CPU' backend"),
  ],
});
