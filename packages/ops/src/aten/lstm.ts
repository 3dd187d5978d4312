import { defineOp } from '../core/define-op.js';
import { num } from '../groups/nn-math.js';
import { batchSizesOf, rnnBackwardF, rnnBackwardPackedF, rnnForward, rnnForwardPacked } from '../groups/rnn.js';
import { rnnParams } from '../groups/rnn-samples.js';

export const lstm = defineOp({
  schemas: [
    'aten::lstm.input(Tensor input, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor, Tensor)',
    'aten::lstm.data(Tensor data, Tensor batch_sizes, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor, Tensor)',
  ],
  impl: {
    input: (a, ctx) =>
      rnnForward(ctx, 'lstm', {
        input: a.input,
        hx: a.hx,
        params: a.params,
        hasBiases: a.has_biases,
        numLayers: a.num_layers,
        dropout: num(a.dropout),
        train: a.train,
        bidirectional: a.bidirectional,
        batchFirst: a.batch_first,
      }),
    data: (a, ctx) =>
      rnnForwardPacked(
        ctx,
        'lstm',
        {
          input: a.data,
          hx: a.hx,
          params: a.params,
          hasBiases: a.has_biases,
          numLayers: a.num_layers,
          dropout: num(a.dropout),
          train: a.train,
          bidirectional: a.bidirectional,
        },
        batchSizesOf(a.batch_sizes),
      ),
  },
  derivative: {
    input: (F, ctx) => rnnBackwardF(F, 'lstm', ctx, [...ctx.grads]),
    // batch_sizes is read in eager mode (PyTorch keeps it on the CPU for the same reason).
    data: (F, ctx) => rnnBackwardPackedF(F, 'lstm', ctx, batchSizesOf(ctx.batch_sizes), [...ctx.grads]),
  },
  samples: (S) => {
    const f = S.float;
    const h = (l: number, b: number, hd: number) => [S.t([l, b, hd]), S.t([l, b, hd])];
    const bs = S.of([3, 2, 2, 1], [4], 'int64');
    const packed = [
      S.call('lstm.data', [
        S.randn([8, 3]),
        bs,
        h(1, 3, 2),
        rnnParams(S, 'lstm', 3, 2, 1, 1, true),
        true,
        1,
        f(0),
        false,
        false,
      ]),
      S.call('lstm.data', [
        S.randn([8, 3]),
        bs,
        h(4, 3, 2),
        rnnParams(S, 'lstm', 3, 2, 2, 2, false),
        false,
        2,
        f(0),
        false,
        true,
      ]),
      S.call('lstm.data', [
        S.randn([3, 2], 'transposed'),
        S.of([2, 1], [2], 'int64'),
        h(2, 2, 3),
        rnnParams(S, 'lstm', 2, 3, 1, 2, true),
        true,
        1,
        f(0),
        false,
        true,
      ]),
    ];
    return [
      ...packed,
      S.call('lstm.input', [
        S.randn([3, 2, 3]),
        h(1, 2, 2),
        rnnParams(S, 'lstm', 3, 2, 1, 1, true),
        true,
        1,
        f(0),
        false,
        false,
        false,
      ]),
      S.call('lstm.input', [
        S.randn([2, 4, 3], 'transposed'),
        h(2, 2, 2),
        rnnParams(S, 'lstm', 3, 2, 2, 1, false),
        false,
        2,
        f(0),
        false,
        false,
        true,
      ]),
      S.call('lstm.input', [
        S.randn([3, 2, 3]),
        h(2, 2, 2),
        rnnParams(S, 'lstm', 3, 2, 1, 2, true),
        true,
        1,
        f(0),
        false,
        true,
        false,
      ]),
      S.call('lstm.input', [
        S.randn([2, 1, 2]),
        h(4, 1, 3),
        rnnParams(S, 'lstm', 2, 3, 2, 2, true),
        true,
        2,
        f(0),
        false,
        true,
        false,
      ]),
      S.call('lstm.input', [
        S.t([3, 2, 3], { dtype: 'float64' }),
        [S.t([1, 2, 2], { dtype: 'float64' }), S.t([1, 2, 2], { dtype: 'float64' })],
        rnnParams(S, 'lstm', 3, 2, 1, 1, true, 'float64'),
        true,
        1,
        f(0),
        false,
        false,
        false,
      ]),
      S.call(
        'lstm.input',
        [S.randn([3, 2, 3]), h(2, 2, 2), rnnParams(S, 'lstm', 3, 2, 2, 1, true), true, 2, f(0.5), true, false, false],
        undefined,
        {
          check: 'meta',
        },
      ),
      S.error(
        'lstm.input',
        [
          S.randn([3, 2, 3]),
          h(1, 2, 2),
          rnnParams(S, 'lstm', 3, 2, 1, 1, true).slice(0, 3),
          true,
          1,
          f(0),
          false,
          false,
          false,
        ],
        'got an incorrect number of RNN parameters',
      ),
    ];
  },
});
