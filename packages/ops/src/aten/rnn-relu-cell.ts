import { defineOp } from '../core/define-op.js';
import { singleStateRnnCellOp } from '../groups/rnn-cell-op.js';

export const rnnReluCell = defineOp({
  schemas: [
    'aten::rnn_relu_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> Tensor',
  ],
  ...singleStateRnnCellOp('rnn_relu'),
});
