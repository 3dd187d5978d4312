import type { OpDefinition } from '../core/define-op.js';
import { num } from './nn-math.js';
import { batchSizesOf, rnnBackwardF, rnnBackwardPackedF, rnnForward, rnnForwardPacked } from './rnn.js';
import { rnnParams } from './rnn-samples.js';

/**
 * The implementation, derivative rule and samples of a recurrent op with one hidden state
 * (gru, rnn_tanh, rnn_relu: the `.input` and packed `.data` overloads); the op files hold the schemas.
 */
export function singleStateRnnOp(kind: 'gru' | 'rnn_tanh' | 'rnn_relu'): Omit<OpDefinition, 'schemas'> {
  return {
    impl: {
      input: (a, ctx) =>
        rnnForward(ctx, kind, {
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
      data: (a, ctx) =>
        rnnForwardPacked(
          ctx,
          kind,
          {
            input: a.data,
            hx: [a.hx],
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
      input: (F, ctx) => {
        const g = rnnBackwardF(F, kind, { ...ctx, hx: [ctx.hx] }, [...ctx.grads]);
        return { input: g.input, hx: g.hx[0], params: g.params };
      },
      data: (F, ctx) => {
        const g = rnnBackwardPackedF(F, kind, { ...ctx, hx: [ctx.hx] }, batchSizesOf(ctx.batch_sizes), [...ctx.grads]);
        return { data: g.data, hx: g.hx[0], params: g.params };
      },
    },
    samples: (S) => {
      const f = S.float;
      const bs = S.of([3, 2, 2, 1], [4], 'int64');
      const packed = [
        S.call(`${kind}.data`, [
          S.randn([8, 3]),
          bs,
          S.randn([1, 3, 2]),
          rnnParams(S, kind, 3, 2, 1, 1, true),
          true,
          1,
          f(0),
          false,
          false,
        ]),
        S.call(`${kind}.data`, [
          S.randn([8, 3]),
          bs,
          S.randn([4, 3, 2]),
          rnnParams(S, kind, 3, 2, 2, 2, false),
          false,
          2,
          f(0),
          false,
          true,
        ]),
        S.call(`${kind}.data`, [
          S.randn([3, 2], 'transposed'),
          S.of([2, 1], [2], 'int64'),
          S.randn([2, 2, 3]),
          rnnParams(S, kind, 2, 3, 1, 2, true),
          true,
          1,
          f(0),
          false,
          true,
        ]),
      ];
      return [
        ...packed,
        S.call(`${kind}.input`, [
          S.randn([3, 2, 3]),
          S.randn([1, 2, 2]),
          rnnParams(S, kind, 3, 2, 1, 1, true),
          true,
          1,
          f(0),
          false,
          false,
          false,
        ]),
        S.call(`${kind}.input`, [
          S.randn([2, 4, 3], 'transposed'),
          S.randn([2, 2, 2]),
          rnnParams(S, kind, 3, 2, 2, 1, false),
          false,
          2,
          f(0),
          false,
          false,
          true,
        ]),
        S.call(`${kind}.input`, [
          S.randn([3, 2, 3]),
          S.randn([2, 2, 2]),
          rnnParams(S, kind, 3, 2, 1, 2, true),
          true,
          1,
          f(0),
          false,
          true,
          false,
        ]),
        S.call(`${kind}.input`, [
          S.randn([2, 3, 2]),
          S.randn([4, 2, 3]),
          rnnParams(S, kind, 2, 3, 2, 2, true),
          true,
          2,
          f(0),
          false,
          true,
          true,
        ]),
        S.call(`${kind}.input`, [
          S.t([3, 2, 3], { dtype: 'float64' }),
          S.t([1, 2, 2], { dtype: 'float64' }),
          rnnParams(S, kind, 3, 2, 1, 1, true, 'float64'),
          true,
          1,
          f(0),
          false,
          false,
          false,
        ]),
        S.call(
          `${kind}.input`,
          [
            S.randn([3, 2, 3]),
            S.randn([2, 2, 2]),
            rnnParams(S, kind, 3, 2, 2, 1, true),
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
          `${kind}.input`,
          [
            S.randn([3, 2, 3]),
            S.randn([1, 2, 2]),
            rnnParams(S, kind, 3, 2, 1, 1, true).slice(0, 3),
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
          `${kind}.input`,
          [
            S.t([3, 2, 3], { dtype: 'float64' }),
            S.randn([1, 2, 2]),
            rnnParams(S, kind, 3, 2, 1, 1, true, 'float64'),
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
  };
}
