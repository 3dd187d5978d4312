import { defineOp } from '../core/define-op.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { perChannelOnly } from '../quantized/qscheme-errors.js';
import { requireQuantized } from '../quantized/quantizer.js';

export const qPerChannelAxis = defineOp({
  schemas: ['aten::q_per_channel_axis(Tensor self) -> int'],
  impl: ({ self }) => {
    const q = requireQuantized(self, 'aten::q_per_channel_axis');
    if (q.qscheme !== 'per_channel_affine') throw perChannelOnly();
    return q.axis;
  },
  nondifferentiable: 'integer output',
  samples: (S) => [
    S.call('q_per_channel_axis', [qTensorPerChannel(S, S.t([3, 2]), [0.01, 0.1, 0.3], [0, 2, -3], 0)]),
    S.call('q_per_channel_axis', [qTensorPerChannel(S, S.t([2, 3]), [0.01, 0.1, 0.3], [10, 20, 30], 1, 'quint8')]),
    S.error('q_per_channel_axis', [qTensor(S.t([2]), 0.1, 0)], 'quantizer->qscheme() == kPerChannelAffine'),
    S.error(
      'q_per_channel_axis',
      [S.t([2])],
      "Could not run 'aten::q_per_channel_axis' with arguments from the 'CPU' backend",
    ),
  ],
});
