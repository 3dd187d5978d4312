import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { flipTensor } from './flip.js';

/** self flipped up-down (dim 0). */
export const flipud = defineOp({
  schemas: ['aten::flipud(Tensor self) -> Tensor'],
  impl: (args, ctx) => {
    if (args.self.sizes.length < 1) throw new OpError('Input must be >= 1-d.');
    return flipTensor(ctx, args.self, [0]);
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad }) => ({ self: F.flip(grad, [0]) }),
  samples: (S) => [
    S.call('flipud', [S.randn([3])]),
    S.call('flipud', [S.randn([2, 3], 'strided')]),
    S.call('flipud', [S.bools([3, 1])]),
    S.error('flipud', [S.randn([])], 'Input must be >= 1-d.'),
  ],
});
