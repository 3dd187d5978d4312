import { defineOp } from '../core/define-op.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { prepackLinear } from './linear-packed-params.js';

export const linearPrepack = defineOp({
  schemas: [
    'quantized::linear_prepack(Tensor W, Tensor? B=None) -> __torch__.torch.classes.quantized.LinearPackedParamsBase W_prepack',
  ],
  impl: ({ W, B }) => prepackLinear(W, B),
  nondifferentiable: 'packs quantized weights into a parameter object (not a tensor)',
  samples: (S) => [
    S.call('quantized::linear_prepack', [qTensor(S.t([3, 4]), 0.02, 0), S.t([3])]),
    S.call('quantized::linear_prepack', [qTensor(S.t([2, 5]), 0.01, 0), null]),
    S.call('quantized::linear_prepack', [
      qTensorPerChannel(S, S.t([3, 2]), [0.01, 0.02, 0.03], [0, 0, 0], 0),
      S.t([3]),
    ]),
    S.error(
      'quantized::linear_prepack',
      [qTensor(S.t([3, 2]), 0.1, 2), null],
      'ONEDNN only supports symmetric quantization of weight, whose zero point must be 0, but got 2',
    ),
    S.error(
      'quantized::linear_prepack',
      [qTensor(S.t([3, 2, 1]), 0.1, 0), null],
      'The weight tensor for quantized::linear_prepack (onednn) should be 2-dimensional.',
    ),
    S.error('quantized::linear_prepack', [qTensor(S.t([3, 2]), 0.1, 0), S.t([4])], 'bias should have N elements: 3'),
    S.error(
      'quantized::linear_prepack',
      [S.t([3, 2]), null],
      "Could not run 'quantized::linear_prepack' with arguments from the 'CPU' backend",
    ),
  ],
});
