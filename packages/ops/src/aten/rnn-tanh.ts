import { defineOp } from '../core/define-op.js';
import { num } from '../groups/nn-math.js';
import { rnnBackwardF, rnnForward } from '../groups/rnn.js';
import { rnnParams } from '../groups/rnn-samples.js';

export const rnnTanh = defineOp({
  schemas: [
    'aten::rnn_tanh.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)',
  ],
  impl: (a, ctx) =>
    rnnForward(ctx, 'rnn_tanh', {
      input: a.input,
      hx: [a.hx],
      params: a.params,
      hasBiases: a.has_biases,
      numLayers: a.num_layers,
      dropout: num(a.dropout),
      train: a.train,
      bidirectional: a.bidirectional,
      batchFirst: a.batch_first,
    }),
  derivative: (F, ctx) => {
    const g = rnnBackwardF(F, 'rnn_tanh', { ...ctx, hx: [ctx.hx] }, [...ctx.grads]);
    return { input: g.input, hx: g.hx[0], params: g.params };
  },
  samples: (S) => {
    const f = S.float;
    return [
      S.call('rnn_tanh.input', [
        S.randn([3, 2, 3]),
        S.randn([1, 2, 2]),
        rnnParams(S, 'rnn_tanh', 3, 2, 1, 1, true),
        true,
        1,
        f(0),
        false,
        false,
        false,
      ]),
      S.call('rnn_tanh.input', [
        S.randn([2, 4, 3], 'transposed'),
        S.randn([2, 2, 2]),
        rnnParams(S, 'rnn_tanh', 3, 2, 2, 1, false),
        false,
        2,
        f(0),
        false,
        false,
        true,
      ]),
      S.call('rnn_tanh.input', [
        S.randn([3, 2, 3]),
        S.randn([2, 2, 2]),
        rnnParams(S, 'rnn_tanh', 3, 2, 1, 2, true),
        true,
        1,
        f(0),
        false,
        true,
        false,
      ]),
      S.call('rnn_tanh.input', [
        S.randn([2, 3, 2]),
        S.randn([4, 2, 3]),
        rnnParams(S, 'rnn_tanh', 2, 3, 2, 2, true),
        true,
        2,
        f(0),
        false,
        true,
        true,
      ]),
      S.call('rnn_tanh.input', [
        S.t([3, 2, 3], { dtype: 'float64' }),
        S.t([1, 2, 2], { dtype: 'float64' }),
        rnnParams(S, 'rnn_tanh', 3, 2, 1, 1, true, 'float64'),
        true,
        1,
        f(0),
        false,
        false,
        false,
      ]),
      S.call(
        'rnn_tanh.input',
        [
          S.randn([3, 2, 3]),
          S.randn([2, 2, 2]),
          rnnParams(S, 'rnn_tanh', 3, 2, 2, 1, true),
          true,
          2,
          f(0.5),
          true,
          false,
          false,
        ],
        undefined,
        {
          check: 'meta',
        },
      ),
      S.error(
        'rnn_tanh.input',
        [
          S.randn([3, 2, 3]),
          S.randn([1, 2, 2]),
          rnnParams(S, 'rnn_tanh', 3, 2, 1, 1, true).slice(0, 3),
          true,
          1,
          f(0),
          false,
          false,
          false,
        ],
        'got an incorrect number of RNN parameters',
      ),
      S.error(
        'rnn_tanh.input',
        [
          S.t([3, 2, 3], { dtype: 'float64' }),
          S.randn([1, 2, 2]),
          rnnParams(S, 'rnn_tanh', 3, 2, 1, 1, true, 'float64'),
          true,
          1,
          f(0),
          false,
          false,
          false,
        ],
        'mat1 and mat2 must have the same dtype',
      ),
    ];
  },
});
