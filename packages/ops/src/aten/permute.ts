import { defineOp } from '../core/define-op.js';
import { geometryOf, intList, permuteGeometry, viewOf } from '../groups/views.js';

export const permute = defineOp({
  schemas: ['aten::permute(Tensor(a) self, int[] dims) -> Tensor(a)'],
  impl: ({ self, dims }, ctx) => viewOf(ctx, self, permuteGeometry(geometryOf(self), intList(dims))),
  meta: ({ self, dims }) => ({ sizes: permuteGeometry(geometryOf(self), intList(dims)).sizes, dtype: self.dtype }),
  derivative: (F, { grad, dims }) => {
    const list: number[] = Array.isArray(dims) ? dims : [dims];
    const nd = list.length;
    const inverse = new Array<number>(nd);
    list.forEach((d, i) => {
      inverse[d < 0 ? d + nd : d] = i;
    });
    return { self: F.permute(grad, inverse) };
  },
  samples: (S) => [
    S.call('permute', [S.randn([2, 3, 4]), [2, 0, 1]]),
    S.call('permute', [S.randn([2, 3, 4]), [-1, -3, 1]]),
    S.call('permute', [S.randn([3, 4], 'transposed'), [1, 0]]),
    S.call('permute', [S.randn([2, 3], 'strided'), [1, 0]]),
    S.call('permute', [S.t([2, 2, 3], { dtype: 'int64', layout: 'offset' }), [1, 2, 0]]),
    S.call('permute', [S.randn([]), []]),
    S.call('permute', [S.randn([0, 3]), [1, 0]]),
    S.call('permute', [S.expand(S.randn([3]), [2, 3]), [1, 0]]),
    S.error('permute', [S.randn([2, 3]), [0]], 'number of dimensions in the tensor input does not match the length'),
    S.error('permute', [S.randn([2, 3]), [0, 0]], 'permute(): duplicate dims are not allowed.'),
    S.error(
      'permute',
      [S.randn([2, 3]), [0, 2]],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
  ],
});
