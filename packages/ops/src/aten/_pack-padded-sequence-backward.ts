import { defineOp } from '../core/define-op.js';
import { packPaddedSequenceBackward } from '../groups/packed-sequence.js';

export const _packPaddedSequenceBackward = defineOp({
  schemas: [
    'aten::_pack_padded_sequence_backward(Tensor grad, int[] input_size, Tensor batch_sizes, bool batch_first) -> Tensor',
  ],
  impl: (a, ctx) => packPaddedSequenceBackward(ctx, a.grad, a.input_size, a.batch_sizes, a.batch_first),
  // The lengths from the batch sizes (lengths[b] = the steps with more than b active sequences),
  // then packing gathers what the backward scattered.
  derivative: (F, { grad, input_size, batch_sizes, batch_first }) => {
    const batch = batch_first ? input_size[0] : input_size[1];
    const lengths = F.sum(F.gt(F.unsqueeze(batch_sizes, 1), F.arange(batch)), [0]);
    return { grad: F._packPaddedSequence(grad, lengths, batch_first)[0] };
  },
  samples: (S) => {
    const bs = (v: number[]) => S.of(v, [v.length], 'int64');
    return [
      S.call('_pack_padded_sequence_backward', [S.randn([7, 2]), [4, 3, 2], bs([3, 2, 1, 1]), false]),
      S.call('_pack_padded_sequence_backward', [S.randn([6, 2], 'transposed'), [2, 4, 2], bs([2, 2, 1, 1]), true]),
      S.call('_pack_padded_sequence_backward', [S.t([3], { dtype: 'float64' }), [3, 1], bs([1, 1, 1]), false]),
    ];
  },
});
