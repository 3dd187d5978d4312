import { defineOp } from '../core/define-op.js';
import { formatSizes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { maxUnpool } from '../groups/embedding.js';

export const maxUnpool3d = defineOp({
  schemas: [
    'aten::max_unpool3d(Tensor self, Tensor indices, int[3] output_size, int[3] stride, int[3] padding) -> Tensor',
    'aten::max_unpool3d.out(Tensor self, Tensor indices, int[3] output_size, int[3] stride, int[3] padding, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    const stride: number[] = Array.isArray(a.stride) ? a.stride : [a.stride, a.stride, a.stride];
    // stride and padding only take part in PyTorch's shape checks; the indices say where values go.
    if (stride.some((s) => s <= 0)) {
      throw new OpError(`strides should be greater than zero, but got stride: ${formatSizes(stride)}`);
    }
    const size = Array.isArray(a.output_size) ? a.output_size : [a.output_size, a.output_size, a.output_size];
    return maxUnpool(ctx, 3, a.self, a.indices, size);
  },
  derivative: (F, { grad, self, indices }) => ({
    self: F.reshape(F.gather(F.flatten(grad, -3), -1, F.flatten(indices, -3)), F.sizes(self)),
  }),
  samples: (S) => [
    S.call('max_unpool3d', [
      S.randn([1, 1, 2, 2, 2]),
      S.of([0, 5, 10, 63, 1, 2, 3, 4], [1, 1, 2, 2, 2], 'int64'),
      [4, 4, 4],
      [2, 2, 2],
      [0, 0, 0],
    ]),
    S.call('max_unpool3d', [
      S.randn([2, 1, 1, 2], 'transposed'),
      S.of([0, 3, 5, 6], [2, 1, 1, 2], 'int64'),
      [2, 2, 2],
      [1, 1, 1],
      [0, 0, 0],
    ]),
    S.call(
      'max_unpool3d.out',
      [
        S.t([1, 1, 1, 1, 2], { dtype: 'float64' }),
        S.of([7, 1], [1, 1, 1, 1, 2], 'int64'),
        [2, 2, 2],
        [2, 2, 2],
        [0, 0, 0],
      ],
      { out: S.t([0], { dtype: 'float64' }) },
    ),
    S.error(
      'max_unpool3d',
      [
        S.randn([1, 1, 2, 2, 2]),
        S.of([0, 5, 10, 63, 1, 2, 3, 4], [1, 1, 2, 2, 2], 'int64'),
        [4, 4, 4],
        [0, 2, 2],
        [0, 0, 0],
      ],
      'strides should be greater than zero, but got stride: [0, 2, 2]',
    ),
    S.error(
      'max_unpool3d',
      [
        S.randn([1, 1, 2, 2, 2]),
        S.of([0, 5, 10, 63, 1, 2, 3, 4], [1, 1, 2, 2, 2], 'int64'),
        [1, 4, 4],
        [2, 2, 2],
        [0, 0, 0],
      ],
      'Found an invalid max index: 63 (output volumes are of size 1x4x4',
    ),
  ],
});
