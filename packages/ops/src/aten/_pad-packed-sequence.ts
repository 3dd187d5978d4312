import { defineOp } from '../core/define-op.js';
import { padPackedSequence } from '../groups/packed-sequence.js';

export const _padPackedSequence = defineOp({
  schemas: [
    'aten::_pad_packed_sequence(Tensor data, Tensor batch_sizes, bool batch_first, Scalar padding_value, int total_length) -> (Tensor, Tensor)',
  ],
  impl: (a, ctx) => padPackedSequence(ctx, a.data, a.batch_sizes, a.batch_first, a.padding_value, a.total_length),
  outputDifferentiability: [true, false],
  // PyTorch differentiates its decomposition; packing the padded gradient with the lengths this op
  // returned is the same gather (padding positions get no gradient).
  derivative: (F, { grad, result, batch_first }) => ({
    data: F._packPaddedSequence(grad, result[1], batch_first)[0],
  }),
  samples: (S) => {
    const bs = (v: number[]) => S.of(v, [v.length], 'int64');
    const f = S.float;
    return [
      S.call('_pad_packed_sequence', [S.randn([7, 2]), bs([3, 2, 1, 1]), false, f(0), 4]),
      S.call('_pad_packed_sequence', [S.randn([7, 2]), bs([3, 2, 1, 1]), true, f(-1.5), 6]),
      S.call('_pad_packed_sequence', [S.randn([4, 3], 'transposed'), bs([2, 2]), false, 3, 0]),
      S.call('_pad_packed_sequence', [S.t([3], { dtype: 'float64' }), bs([1, 1, 1]), true, f(0.5), 3]),
      S.call('_pad_packed_sequence', [S.ints([5]), bs([3, 2]), false, 7, 2]),
      S.error(
        '_pad_packed_sequence',
        [S.randn([5, 2]), bs([3, 2]), false, f(0), 1],
        'Expected total_length to be at least the length of the longest sequence in input, but got total_length=1 and max sequence length being 2',
      ),
      S.error(
        '_pad_packed_sequence',
        [S.randn([5, 2]), S.of([3, 2], [2], 'int32'), false, f(0), 2],
        "'lengths' argument should be a 1D CPU int64 tensor",
      ),
    ];
  },
});
