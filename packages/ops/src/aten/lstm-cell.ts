import { defineOp } from '../core/define-op.js';
import { Calc } from '../groups/nn-math.js';
import { cellBackwardF, cellDtype, cellForwardF, cellStep, checkCell, checkHidden } from '../groups/rnn.js';
import { rnnParams } from '../groups/rnn-samples.js';

export const lstmCell = defineOp({
  schemas: [
    'aten::lstm_cell(Tensor input, Tensor[] hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> (Tensor, Tensor)',
  ],
  impl: (a, ctx) => {
    const [h, cx] = a.hx;
    const c = new Calc(ctx, cellDtype(a.input, [h, cx, a.w_ih, a.w_hh, a.b_ih, a.b_hh]) as any);
    checkCell(a.input, h, a.w_ih, 0);
    checkHidden(h, a.w_hh.sizes[1], 0);
    checkCell(a.input, cx, a.w_ih, 1);
    checkHidden(cx, a.w_hh.sizes[1], 1);
    return cellStep(c, 'lstm', a.input, h, cx, a.w_ih, a.w_hh, a.b_ih, a.b_hh);
  },
  derivative: (F, { grads, input, hx, w_ih, w_hh, b_ih, b_hh }) => {
    const saved = cellForwardF(F, 'lstm', input, hx[0], hx[1], w_ih, w_hh, b_ih, b_hh);
    const dh = grads[0] ?? F.zerosLike(saved.h);
    const g = cellBackwardF(F, 'lstm', saved, input, hx[0], hx[1], w_ih, w_hh, dh, grads[1]);
    return {
      input: g.x,
      hx: [g.h, g.c],
      w_ih: g.wIh,
      w_hh: g.wHh,
      b_ih: b_ih == null ? null : g.bIh,
      b_hh: b_hh == null ? null : g.bHh,
    };
  },
  samples: (S) => {
    const [wi, wh, bi, bh] = rnnParams(S, 'lstm', 3, 2, 1, 1, true);
    return [
      S.call('lstm_cell', [S.randn([2, 3]), [S.randn([2, 2]), S.randn([2, 2])], wi, wh, bi, bh]),
      S.call('lstm_cell', [S.randn([2, 3], 'transposed'), [S.randn([2, 2]), S.randn([2, 2])], wi, wh]),
      S.call('lstm_cell', [S.randn([0, 3]), [S.randn([0, 2]), S.randn([0, 2])], wi, wh, bi, bh]),
      S.error(
        'lstm_cell',
        [S.randn([2, 4]), [S.randn([2, 2]), S.randn([2, 2])], wi, wh],
        'input has inconsistent input_size: got 4 expected 3',
      ),
      S.error(
        'lstm_cell',
        [S.randn([2, 3]), [S.randn([3, 2]), S.randn([2, 2])], wi, wh],
        "Input batch size 2 doesn't match hidden0 batch size 3",
      ),
    ];
  },
});
