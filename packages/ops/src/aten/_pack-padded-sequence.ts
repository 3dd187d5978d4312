import { defineOp } from '../core/define-op.js';
import { packPaddedSequence } from '../groups/packed-sequence.js';

export const _packPaddedSequence = defineOp({
  schemas: ['aten::_pack_padded_sequence(Tensor input, Tensor lengths, bool batch_first) -> (Tensor, Tensor)'],
  impl: (a, ctx) => packPaddedSequence(ctx, a.input, a.lengths, a.batch_first),
  outputDifferentiability: [true, false],
  derivative: (F, { grad, input, result, batch_first }) => ({
    input: F._packPaddedSequenceBackward(grad, F.sizes(input), result[1], batch_first),
  }),
  samples: (S) => {
    const lengths = (v: number[]) => S.of(v, [v.length], 'int64');
    return [
      S.call('_pack_padded_sequence', [S.randn([4, 3, 2]), lengths([4, 2, 1]), false]),
      S.call('_pack_padded_sequence', [S.randn([3, 4, 2]), lengths([4, 4, 2]), true]),
      S.call('_pack_padded_sequence', [S.randn([5, 2], 'transposed'), lengths([3, 1]), false]),
      S.call('_pack_padded_sequence', [S.t([2, 3], { dtype: 'float64' }), lengths([3, 3]), true]),
      S.call('_pack_padded_sequence', [S.ints([3, 2, 2]), lengths([2, 2]), false]),
      S.error('_pack_padded_sequence', [S.randn([3, 2]), lengths([2, 3]), false], 'must be sorted in decreasing order'),
      S.error('_pack_padded_sequence', [S.randn([3, 2]), lengths([3, 0]), false], 'has to be greater than 0'),
      S.error('_pack_padded_sequence', [S.randn([3, 2]), lengths([3, 2, 1]), false], 'to be equal to batch_size'),
      S.error(
        '_pack_padded_sequence',
        [S.randn([3, 2]), S.of([3, 2], [2], 'int32'), false],
        "'lengths' argument should be a 1D CPU int64 tensor, but got 1D cpu Int tensor",
      ),
      S.error('_pack_padded_sequence', [S.randn([0, 2]), lengths([1, 1]), false], 'Cannot pack empty tensors.'),
    ];
  },
});
