import { defineOp } from '../core/define-op.js';
import { writeElements } from '../core/elements.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { perChannelOnly } from '../quantized/qscheme-errors.js';
import { requireQuantized } from '../quantized/quantizer.js';

export const qPerChannelZeroPoints = defineOp({
  schemas: ['aten::q_per_channel_zero_points(Tensor self) -> Tensor'],
  impl: ({ self }, ctx) => {
    const q = requireQuantized(self, 'aten::q_per_channel_zero_points');
    if (q.qscheme !== 'per_channel_affine') throw perChannelOnly();
    const out = ctx.empty([q.zeroPoints.length], 'int64');
    writeElements(out.data, 'int64', out.offset, q.zeroPoints);
    return out;
  },
  nondifferentiable: 'integer output',
  samples: (S) => [
    S.call('q_per_channel_zero_points', [qTensorPerChannel(S, S.t([3, 2]), [0.01, 0.1, 0.3], [0, 2, -3], 0)]),
    S.call('q_per_channel_zero_points', [
      qTensorPerChannel(S, S.t([2, 3]), [0.01, 0.1, 0.3], [10, 20, 30], 1, 'quint8'),
    ]),
    S.error('q_per_channel_zero_points', [qTensor(S.t([2]), 0.1, 0)], 'quantizer->qscheme() == kPerChannelAffine'),
    S.error(
      'q_per_channel_zero_points',
      [S.t([2])],
      "Could not run 'aten::q_per_channel_zero_points' with arguments from the 'CPU' backend",
    ),
  ],
});
