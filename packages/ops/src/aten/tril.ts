import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';

/** The lower triangle of the last two dims (elements beyond diagonal zeroed). */
export const tril = defineOp({
  schemas: [
    'aten::tril(Tensor self, int diagonal=0) -> Tensor',
    'aten::tril.out(Tensor self, int diagonal=0, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::tril_(Tensor(a!) self, int diagonal=0) -> Tensor(a!)',
  ],
  impl: {
    tril: (args, ctx) => {
      normalizeDim(-2, args.self.sizes.length);
      const out = ctx.empty(args.self.sizes, args.self.dtype);
      K.tril(out, args.self, args.diagonal);
      return out;
    },
    tril_: (args, ctx) => {
      normalizeDim(-2, args.self.sizes.length);
      K.tril(args.self, args.self, args.diagonal);
      ctx.bumpVersion(args.self);
      return args.self;
    },
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, diagonal }) => ({ self: F.tril(grad, diagonal) }),
  samples: (S) => [
    S.call('tril', [S.randn([3, 4])]),
    S.call('tril', [S.randn([4, 3], 'transposed'), 1]),
    S.call('tril', [S.randn([2, 3, 3], 'strided'), -1]),
    S.call('tril', [S.randn([3, 4], 'offset'), 5]),
    S.call('tril', [S.randn([3, 4]), -5]),
    S.call('tril', [S.ints([0, 3])]),
    S.call('tril', [S.bools([3, 3])], { diagonal: 1 }),
    S.call('tril', [S.expand(S.randn([1, 3]), [3, 3])]),
    S.error('tril', [S.randn([3])], 'Dimension out of range (expected to be in range of [-1, 0], but got -2)'),
    S.call('tril_', [S.randn([3, 4], 'transposed'), -1]),
    S.call('tril_', [S.ints([2, 2, 2])]),
    S.error('tril_', [S.randn([3])], 'Dimension out of range (expected to be in range of [-1, 0], but got -2)'),
    S.call('tril.out', [S.randn([3, 3])], { out: S.randn([0]) }),
  ],
});
