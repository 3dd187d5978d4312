import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';

export const padSequence = defineOp({
  schemas: ['aten::pad_sequence(Tensor[] sequences, bool batch_first=False, float padding_value=0.) -> Tensor'],
  impl: (a, ctx) => {
    const F = ctx.F;
    const sequences = a.sequences as any[];
    if (sequences.length === 0) throw new OpError('received an empty list of sequences');
    const first = sequences[0];
    const maxLength = Math.max(...sequences.map((s) => s.sizes[0]));
    const trailing = first.sizes.slice(1);
    const n = sequences.length;
    const sizes = a.batch_first ? [n, maxLength, ...trailing] : [maxLength, n, ...trailing];
    const out = F.full(sizes, a.padding_value, { dtype: first.dtype });
    sequences.forEach((s, i) => {
      const row = a.batch_first ? F.select(out, 0, i) : F.select(out, 1, i);
      F.copy_(F.narrow(row, 0, 0, s.sizes[0]), s);
    });
    return out;
  },
  derivative: (F, { grad, sequences, batch_first }) => ({
    sequences: (sequences as any[]).map((s, i) =>
      F.narrow(F.select(grad, batch_first ? 0 : 1, i), 0, 0, F.sizes(s)[0]),
    ),
  }),
  samples: (S) => [
    S.call('pad_sequence', [[S.randn([3, 2]), S.randn([1, 2]), S.randn([4, 2])]]),
    S.call('pad_sequence', [[S.randn([2]), S.randn([5])], true, -1.0]),
    S.call('pad_sequence', [[S.randn([2, 3], 'transposed'), S.randn([2, 3])], false, 2.5]),
    S.call('pad_sequence', [[S.t([2, 2, 2], { dtype: 'float64' }), S.t([1, 2, 2], { dtype: 'float64' })], true]),
    S.call('pad_sequence', [[S.ints([3]), S.ints([1])]]),
    S.error('pad_sequence', [[]], 'received an empty list of sequences'),
    S.error('pad_sequence', [[S.randn([2, 3]), S.randn([1, 2])]], 'must match the size of tensor b (2)'),
  ],
});
