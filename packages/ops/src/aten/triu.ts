import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';

/** The upper triangle of the last two dims (elements beyond diagonal zeroed). */
export const triu = defineOp({
  schemas: [
    'aten::triu(Tensor self, int diagonal=0) -> Tensor',
    'aten::triu.out(Tensor self, int diagonal=0, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::triu_(Tensor(a!) self, int diagonal=0) -> Tensor(a!)',
  ],
  impl: {
    triu: (args, ctx) => {
      normalizeDim(-2, args.self.sizes.length);
      const out = ctx.empty(args.self.sizes, args.self.dtype);
      K.triu(out, args.self, args.diagonal);
      return out;
    },
    triu_: (args, ctx) => {
      normalizeDim(-2, args.self.sizes.length);
      K.triu(args.self, args.self, args.diagonal);
      ctx.bumpVersion(args.self);
      return args.self;
    },
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, diagonal }) => ({ self: F.triu(grad, diagonal) }),
  samples: (S) => [
    S.call('triu', [S.randn([3, 4])]),
    S.call('triu', [S.randn([4, 3], 'transposed'), 1]),
    S.call('triu', [S.randn([2, 3, 3], 'strided'), -1]),
    S.call('triu', [S.randn([3, 4], 'offset'), 5]),
    S.call('triu', [S.randn([3, 4]), -5]),
    S.call('triu', [S.ints([0, 3])]),
    S.call('triu', [S.bools([3, 3])], { diagonal: 1 }),
    S.call('triu', [S.expand(S.randn([1, 3]), [3, 3])]),
    S.error('triu', [S.randn([3])], 'Dimension out of range (expected to be in range of [-1, 0], but got -2)'),
    S.call('triu_', [S.randn([3, 4], 'transposed'), -1]),
    S.call('triu_', [S.ints([2, 2, 2])]),
    S.error('triu_', [S.randn([3])], 'Dimension out of range (expected to be in range of [-1, 0], but got -2)'),
    S.call('triu.out', [S.randn([3, 3])], { out: S.randn([0]) }),
  ],
});
