import { torchOps as T } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { errors } from './nn-b-fixtures.js';

// The same failing calls as tooling/fixtures/gen_nn_b_fixtures.py's error_cases, which recorded
// PyTorch 1.13's messages.
const calls: Record<string, () => unknown> = {
  rnn_input_dims: () => new nn.RNN(4, 5).call(T.randn([2, 3, 4, 4])),
  rnn_input_size: () => new nn.RNN(4, 5).call(T.randn([3, 2, 6])),
  lstm_hidden_size: () => new nn.LSTM(4, 5).call(T.randn([3, 2, 4]), [T.randn([1, 3, 5]), T.randn([1, 2, 5])]),
  lstm_cell_state_size: () => new nn.LSTM(4, 5).call(T.randn([3, 2, 4]), [T.randn([1, 2, 5]), T.randn([2, 2, 5])]),
  gru_hx_dims: () => new nn.GRU(4, 5).call(T.randn([3, 2, 4]), T.randn([2, 5])),
  lstm_unbatched_hx_dims: () => new nn.LSTM(4, 5).call(T.randn([3, 4]), [T.randn([1, 1, 5]), T.randn([1, 5])]),
  lstm_cell_3d: () => new nn.LSTMCell(4, 5).call(T.randn([1, 2, 4])),
  lstm_proj_too_large: () => new nn.LSTM(4, 5, { projSize: 5 }),
  lstm_proj_cell_size: () =>
    new nn.LSTM(4, 5, { projSize: 2 }).call(T.randn([3, 2, 4]), [T.randn([1, 2, 2]), T.randn([1, 2, 2])]),
  rnn_bad_dropout: () => new nn.LSTM(4, 5, 2, { dropout: 1.5 }),
  mha_attn_mask_shape: () =>
    new nn.MultiheadAttention(8, 2).call(T.randn([3, 2, 8]), T.randn([4, 2, 8]), T.randn([4, 2, 8]), {
      attnMask: T.randn([2, 2]),
    }),
  mha_not_divisible: () => new nn.MultiheadAttention(7, 2),
  bce_target_size: () => new nn.BCELoss().call(T.rand([3]), T.rand([3, 1])),
  bce_logits_target_size: () => new nn.BCEWithLogitsLoss().call(T.rand([3]), T.rand([3, 1])),
  mse_bad_reduction: () => new nn.MSELoss({ reduction: 'avg' as never }).call(T.rand([3]), T.rand([3])),
};

describe("nn-b layers and losses fail with PyTorch's messages", () => {
  it('has a call for every recorded error', () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(errors).sort());
  });
  for (const [name, call] of Object.entries(calls)) {
    it(name, () => {
      expect(call).toThrow(errors[name].message);
    });
  }
});
