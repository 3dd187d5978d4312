import { defineOp } from '../core/define-op.js';

/** No cuDNN: RNN weights are never flattened for it. */
export const _useCudnnRnnFlattenWeight = defineOp({
  schemas: ['aten::_use_cudnn_rnn_flatten_weight() -> bool'],
  impl: () => false,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('_use_cudnn_rnn_flatten_weight', [])],
});
