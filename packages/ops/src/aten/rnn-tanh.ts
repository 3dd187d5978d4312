import { defineOp } from '../core/define-op.js';
import { singleStateRnnOp } from '../groups/rnn-op.js';

export const rnnTanh = defineOp({
  schemas: [
    'aten::rnn_tanh.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)',
    'aten::rnn_tanh.data(Tensor data, Tensor batch_sizes, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor)',
  ],
  ...singleStateRnnOp('rnn_tanh'),
});
