import { defineOp, type ImplFn } from '../core/define-op.js';
import { geometryOf, intList, movedimOrder, permuteGeometry, viewOf } from '../groups/views.js';

const movedimImpl: ImplFn = ({ self, source, destination }, ctx) =>
  viewOf(
    ctx,
    self,
    permuteGeometry(geometryOf(self), movedimOrder(self.sizes.length, intList(source), intList(destination))),
  );

export const movedim = defineOp({
  schemas: [
    // .int first: a single int also matches int[] in overload resolution.
    'aten::movedim.int(Tensor(a) self, int source, int destination) -> Tensor(a)',
    'aten::movedim.intlist(Tensor(a) self, int[] source, int[] destination) -> Tensor(a)',
  ],
  impl: movedimImpl,
  meta: ({ self, source, destination }) => {
    const order = movedimOrder(self.sizes.length, intList(source), intList(destination));
    return { sizes: order.map((d) => self.sizes[d]), dtype: self.dtype };
  },
  derivative: (F, { grad, source, destination }) => ({ self: F.movedim(grad, destination, source) }),
  samples: (S) => [
    S.call('movedim.int', [S.randn([2, 3, 4]), 0, 2]),
    S.call('movedim.int', [S.randn([2, 3, 4]), -1, 0]),
    S.call('movedim.int', [S.randn([3, 4], 'transposed'), 1, 0]),
    S.call('movedim.int', [S.randn([]), 0, -1]),
    S.call('movedim.intlist', [S.randn([2, 3, 4, 1]), [0, 1], [2, 0]]),
    S.call('movedim.intlist', [S.randn([2, 3, 4], 'offset'), [-1, 0], [0, -1]]),
    S.call('movedim.intlist', [S.t([0, 2, 3], { dtype: 'int64' }), [2], [0]]),
    S.call('movedim.intlist', [S.randn([2, 3]), [], []]),
    S.error(
      'movedim.intlist',
      [S.randn([2, 3]), [0, 1], [0]],
      'movedim: Invalid source or destination dims: source ([0, 1] dims) should contain the same number of dims as destination ([0] dims)',
    ),
    S.error('movedim.intlist', [S.randn([2, 3]), [0, 0], [0, 1]], 'movedim: repeated dim in `source` ([0, 0])'),
    S.error('movedim.intlist', [S.randn([2, 3]), [0, 1], [1, 1]], 'movedim: repeated dim in `destination` ([1, 1])'),
    S.error(
      'movedim.int',
      [S.randn([2, 3]), 2, 0],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
  ],
});
