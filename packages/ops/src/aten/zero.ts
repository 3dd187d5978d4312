import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';

/** Every element set to zero. */
export const zero = defineOp({
  schemas: [
    'aten::zero(Tensor self) -> Tensor',
    'aten::zero.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::zero_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: {
    zero: (args, ctx) => ctx.empty(args.self.sizes, args.self.dtype),
    zero_: (args, ctx) => {
      K.fill(args.self, 0);
      ctx.bumpVersion(args.self);
      return args.self;
    },
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: (S) => [
    S.call('zero', [S.randn([2, 3])]),
    S.call('zero', [S.bools([3])]),
    S.call('zero', [S.randn([])]),
    S.call('zero_', [S.randn([2, 3], 'transposed')]),
    S.call('zero_', [S.ints([4], -5, 5, 'int32')]),
    S.call('zero_', [S.randn([0, 2])]),
    S.call('zero.out', [S.randn([2, 3])], { out: S.randn([0]) }),
  ],
});
