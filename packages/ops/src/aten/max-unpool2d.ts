import { defineOp } from '../core/define-op.js';
import { maxUnpool } from '../groups/embedding.js';

export const maxUnpool2d = defineOp({
  schemas: [
    'aten::max_unpool2d(Tensor self, Tensor indices, int[2] output_size) -> Tensor',
    'aten::max_unpool2d.out(Tensor self, Tensor indices, int[2] output_size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) =>
    maxUnpool(ctx, 2, a.self, a.indices, Array.isArray(a.output_size) ? a.output_size : [a.output_size, a.output_size]),
  derivative: (F, { grad, self, indices }) => ({
    self: F.reshape(F.gather(F.flatten(grad, -2), -1, F.flatten(indices, -2)), F.sizes(self)),
  }),
  samples: (S) => [
    S.call('max_unpool2d', [S.randn([1, 2, 2, 2]), S.of([0, 3, 9, 14, 1, 6, 8, 15], [1, 2, 2, 2], 'int64'), [4, 4]]),
    S.call('max_unpool2d', [
      S.randn([2, 2, 2], 'transposed'),
      S.of([0, 5, 2, 7, 1, 4, 3, 6], [2, 2, 2], 'int64'),
      [2, 4],
    ]),
    S.call('max_unpool2d', [S.t([1, 1, 1, 2], { dtype: 'float64' }), S.of([4, 2], [1, 1, 1, 2], 'int64'), [3, 3]]),
    S.call('max_unpool2d.out', [S.randn([1, 1, 1, 2]), S.of([0, 3], [1, 1, 1, 2], 'int64'), [2, 2]], {
      out: S.randn([0]),
    }),
    S.error(
      'max_unpool2d',
      [S.randn([1, 1, 1, 2]), S.of([0, 3], [1, 1, 1, 2], 'int32'), [2, 2]],
      'elements in indices should be type int64',
    ),
    S.error(
      'max_unpool2d',
      [S.randn([1, 1, 1, 2]), S.of([0, 3], [1, 1, 2], 'int64'), [2, 2]],
      'Expected shape of indices to be same as that of the input tensor',
    ),
  ],
});
