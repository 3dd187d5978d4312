import { defineOp } from '../core/define-op.js';
import { convert } from '../groups/conversion.js';

/** self.to(other.dtype). */
export const typeAs = defineOp({
  schemas: ['aten::type_as(Tensor self, Tensor other) -> Tensor'],
  impl: (args, ctx) => convert(ctx, args.self, args.other.dtype, false, null),
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.other.dtype }),
  derivative: (F, { grad, self }) => ({ self: F.typeAs(grad, self) }),
  samples: (S) => [
    S.call('type_as', [S.randn([2, 3]), S.ints([1])]),
    S.call('type_as', [S.ints([2, 3]), S.t([], { dtype: 'float64' })]),
    S.call('type_as', [S.randn([2, 3], 'transposed'), S.randn([4])]),
    S.call('type_as', [S.randn([0]), S.bools([2])]),
  ],
});
