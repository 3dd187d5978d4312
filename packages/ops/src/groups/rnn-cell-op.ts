import type { OpDefinition } from '../core/define-op.js';
import { Calc } from './nn-math.js';
import { cellBackwardF, cellDtype, cellForwardF, cellStep, checkCell, checkHidden } from './rnn.js';
import { rnnParams } from './rnn-samples.js';

/**
 * The implementation, derivative rule and samples of a one-state recurrent cell (gru_cell,
 * rnn_tanh_cell, rnn_relu_cell); the op files hold the schemas.
 */
export function singleStateRnnCellOp(kind: 'gru' | 'rnn_tanh' | 'rnn_relu'): Omit<OpDefinition, 'schemas'> {
  return {
    impl: (a, ctx) => {
      const c = new Calc(ctx, cellDtype(a.input, [a.hx, a.w_ih, a.w_hh, a.b_ih, a.b_hh]) as any);
      checkCell(a.input, a.hx, a.w_ih, 0);
      checkHidden(a.hx, a.w_hh.sizes[1], 0);
      return cellStep(c, kind, a.input, a.hx, null, a.w_ih, a.w_hh, a.b_ih, a.b_hh)[0];
    },
    derivative: (F, { grad, input, hx, w_ih, w_hh, b_ih, b_hh }) => {
      const saved = cellForwardF(F, kind, input, hx, null, w_ih, w_hh, b_ih, b_hh);
      const g = cellBackwardF(F, kind, saved, input, hx, null, w_ih, w_hh, grad, null);
      return {
        input: g.x,
        hx: g.h,
        w_ih: g.wIh,
        w_hh: g.wHh,
        b_ih: b_ih == null ? null : g.bIh,
        b_hh: b_hh == null ? null : g.bHh,
      };
    },
    samples: (S) => {
      const [wi, wh, bi, bh] = rnnParams(S, kind, 3, 2, 1, 1, true);
      return [
        S.call(`${kind}_cell`, [S.randn([2, 3]), S.randn([2, 2]), wi, wh, bi, bh]),
        S.call(`${kind}_cell`, [S.randn([2, 3], 'transposed'), S.randn([2, 2]), wi, wh]),
        S.call(`${kind}_cell`, [S.randn([0, 3]), S.randn([0, 2]), wi, wh, bi, bh]),
        S.call(`${kind}_cell`, [
          S.t([2, 3], { dtype: 'float64' }),
          S.t([2, 2], { dtype: 'float64' }),
          ...rnnParams(S, kind, 3, 2, 1, 1, true, 'float64'),
        ]),
        S.error(
          `${kind}_cell`,
          [S.randn([2, 4]), S.randn([2, 2]), wi, wh],
          'input has inconsistent input_size: got 4 expected 3',
        ),
        S.error(
          `${kind}_cell`,
          [S.randn([2, 3]), S.randn([2, 3]), wi, wh],
          'hidden0 has inconsistent hidden_size: got 3, expected 2',
        ),
      ];
    },
  };
}
