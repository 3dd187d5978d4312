import { defineOp } from '../core/define-op.js';
import { writeElements } from '../core/elements.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { perChannelOnly } from '../quantized/qscheme-errors.js';
import { requireQuantized } from '../quantized/quantizer.js';

export const qPerChannelScales = defineOp({
  schemas: ['aten::q_per_channel_scales(Tensor self) -> Tensor'],
  impl: ({ self }, ctx) => {
    const q = requireQuantized(self, 'aten::q_per_channel_scales');
    if (q.qscheme !== 'per_channel_affine') throw perChannelOnly();
    const out = ctx.empty([q.scales.length], 'float64');
    writeElements(out.data, 'float64', out.offset, q.scales);
    return out;
  },
  nondifferentiable: 'reads a parameter of the quantizer, not a function of the tensor values',
  samples: (S) => [
    S.call('q_per_channel_scales', [qTensorPerChannel(S, S.t([3, 2]), [0.01, 0.1, 0.3], [0, 2, -3], 0)]),
    S.call('q_per_channel_scales', [qTensorPerChannel(S, S.t([2, 3]), [0.01, 0.1, 0.3], [10, 20, 30], 1, 'quint8')]),
    S.error('q_per_channel_scales', [qTensor(S.t([2]), 0.1, 0)], 'quantizer->qscheme() == kPerChannelAffine'),
    S.error(
      'q_per_channel_scales',
      [S.t([2])],
      "Could not run 'aten::q_per_channel_scales' with arguments from the 'CPU' backend",
    ),
  ],
});
