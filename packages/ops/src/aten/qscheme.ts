import { defineOp } from '../core/define-op.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { QSCHEMES, requireQuantized } from '../quantized/quantizer.js';

export const qscheme = defineOp({
  schemas: ['aten::qscheme(Tensor self) -> QScheme'],
  impl: ({ self }) => {
    // TorchScript holds a QScheme as its code (torch.per_tensor_affine is 0).
    return QSCHEMES.indexOf(requireQuantized(self, 'aten::qscheme').qscheme);
  },
  nondifferentiable: 'a QScheme value',
  samples: (S) => [
    S.call('qscheme', [qTensor(S.t([3]), 0.0019587951246649027, 0)]),
    S.call('qscheme', [qTensor(S.t([2, 2]), 0.25, 17, 'quint8')]),
    S.call('qscheme', [qTensorPerChannel(S, S.t([3, 2]), [0.01, 0.1, 0.3], [0, 2, -3], 0)]),
    S.call('qscheme', [qTensorPerChannel(S, S.t([2, 3]), [0.01, 0.1, 0.3], [10, 20, 30], 1, 'quint8')]),
    S.error('qscheme', [S.t([2])], "Could not run 'aten::qscheme' with arguments from the 'CPU' backend"),
  ],
});
