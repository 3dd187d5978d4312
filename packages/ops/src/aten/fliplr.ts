import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { flipTensor } from './flip.js';

/** self flipped left-right (dim 1). */
export const fliplr = defineOp({
  schemas: ['aten::fliplr(Tensor self) -> Tensor'],
  impl: (args, ctx) => {
    if (args.self.sizes.length < 2) throw new OpError('Input must be >= 2-d.');
    return flipTensor(ctx, args.self, [1]);
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad }) => ({ self: F.flip(grad, [1]) }),
  samples: (S) => [
    S.call('fliplr', [S.randn([2, 3])]),
    S.call('fliplr', [S.randn([2, 3, 2], 'transposed')]),
    S.call('fliplr', [S.ints([2, 0])]),
    S.error('fliplr', [S.randn([3])], 'Input must be >= 2-d.'),
  ],
});
