import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { broadcastShapes } from '../core/helpers.js';
import { boolMask } from '../groups/indexing.js';

/** The elements of self where mask (broadcast together with self) is true, as a 1-d tensor. */
export const maskedSelect = defineOp({
  schemas: [
    'aten::masked_select(Tensor self, Tensor mask) -> Tensor',
    'aten::masked_select.out(Tensor self, Tensor mask, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const mask = boolMask(ctx, args.mask, 'masked_select', false);
    broadcastShapes(mask.sizes, args.self.sizes);
    const out = ctx.empty([K.maskedSelectCount(args.self, mask)], args.self.dtype);
    K.maskedSelect(out, args.self, mask);
    return out;
  },
  derivative: (F, { grad, self, mask }) => {
    const sizes = broadcastShapes(F.sizes(self), F.sizes(mask));
    return { self: F.sumTo(F.maskedScatter(F.newZeros(grad, sizes), mask, grad), F.sizes(self)) };
  },
  samples: (S) => [
    S.call('masked_select', [S.randn([3, 4]), S.bools([3, 4])]),
    S.call('masked_select', [S.randn([3, 4], 'transposed'), S.bools([4])]),
    S.call('masked_select', [S.randn([3, 1], 'strided'), S.bools([2, 3, 4])]),
    S.call('masked_select', [S.ints([2, 3], -5, 5, 'int32'), S.of([1, 0, 1], [3], 'uint8')]),
    S.call('masked_select', [S.randn([]), S.of([true], [], 'bool')]),
    S.call('masked_select', [S.randn([2, 3]), S.of([false, false, false], [3], 'bool')]),
    S.call('masked_select', [S.randn([0, 3]), S.bools([3])]),
    S.call('masked_select', [S.bools([5]), S.bools([5])]),
    S.error('masked_select', [S.randn([3]), S.ints([3])], 'masked_select: expected BoolTensor or ByteTensor for mask'),
    S.error(
      'masked_select',
      [S.randn([3]), S.bools([4])],
      'The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 0',
    ),
    S.call('masked_select.out', [S.randn([2, 3]), S.bools([2, 3])], { out: S.randn([0]) }),
  ],
});
