import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { packedLinear } from '../groups/quantized-samples.js';
import { isLinearPackedParams } from './linear-packed-params.js';

export const linearUnpack = defineOp({
  schemas: [
    'quantized::linear_unpack(__torch__.torch.classes.quantized.LinearPackedParamsBase W_prepack) -> (Tensor W_origin, Tensor? B_origin)',
  ],
  impl: ({ W_prepack }) => {
    if (!isLinearPackedParams(W_prepack)) {
      throw new OpError('quantized::linear_unpack expects a LinearPackedParamsBase', 'TypeError');
    }
    return [...W_prepack.unpack()];
  },
  nondifferentiable: 'returns the quantized weight and bias of a parameter object',
  samples: (S) => [
    S.call('quantized::linear_unpack', [packedLinear(S, 4, 3, 0.002, true)]),
    S.call('quantized::linear_unpack', [packedLinear(S, 2, 5, 0.01, false)]),
  ],
});
