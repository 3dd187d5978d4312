import { defineOp } from '../core/define-op.js';
import { geometryOf, intList, movedimOrder, permuteGeometry, viewOf } from '../groups/views.js';

/** NumPy's spelling of movedim. */
export const moveaxis = defineOp({
  schemas: [
    // .int first: a single int also matches int[] in overload resolution.
    'aten::moveaxis.int(Tensor(a) self, int source, int destination) -> Tensor(a)',
    'aten::moveaxis.intlist(Tensor(a) self, int[] source, int[] destination) -> Tensor(a)',
  ],
  impl: ({ self, source, destination }, ctx) =>
    viewOf(
      ctx,
      self,
      permuteGeometry(geometryOf(self), movedimOrder(self.sizes.length, intList(source), intList(destination))),
    ),
  meta: ({ self, source, destination }) => {
    const order = movedimOrder(self.sizes.length, intList(source), intList(destination));
    return { sizes: order.map((d) => self.sizes[d]), dtype: self.dtype };
  },
  derivative: (F, { grad, source, destination }) => ({ self: F.movedim(grad, destination, source) }),
  samples: (S) => [
    S.call('moveaxis.int', [S.randn([2, 3, 4]), 0, -1]),
    S.call('moveaxis.int', [S.randn([3, 4], 'transposed'), 0, 1]),
    S.call('moveaxis.intlist', [S.randn([2, 3, 4]), [0, 2], [1, 0]]),
    S.call('moveaxis.intlist', [S.t([2, 3], { dtype: 'int32', layout: 'strided' }), [1], [0]]),
    S.error('moveaxis.intlist', [S.randn([2, 3]), [0, 0], [0, 1]], 'movedim: repeated dim in `source` ([0, 0])'),
  ],
});
