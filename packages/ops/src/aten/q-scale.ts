import { defineOp } from '../core/define-op.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { perTensorOnly } from '../quantized/qscheme-errors.js';
import { requireQuantized } from '../quantized/quantizer.js';

export const qScale = defineOp({
  schemas: ['aten::q_scale(Tensor self) -> float'],
  impl: ({ self }) => {
    const q = requireQuantized(self, 'aten::q_scale');
    if (q.qscheme !== 'per_tensor_affine') throw perTensorOnly();
    return q.scale;
  },
  nondifferentiable: 'reads a parameter of the quantizer, not a function of the tensor values',
  samples: (S) => [
    S.call('q_scale', [qTensor(S.t([3]), 0.0019587951246649027, 0)]),
    S.call('q_scale', [qTensor(S.t([2, 2]), 0.25, 17, 'quint8')]),
    S.error(
      'q_scale',
      [qTensorPerChannel(S, S.t([2, 2]), [0.1, 0.2], [0, 0], 0)],
      'quantizer->qscheme() == kPerTensorAffine',
    ),
    S.error('q_scale', [S.t([2])], "Could not run 'aten::q_scale' with arguments from the 'CPU' backend"),
  ],
});
