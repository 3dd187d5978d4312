import { defineOp } from '../core/define-op.js';
import { nonzeroOf } from './nonzero.js';

/** torch.argwhere: the same [n, ndim] coordinates as nonzero. */
export const argwhere = defineOp({
  schemas: ['aten::argwhere(Tensor self) -> Tensor'],
  impl: (args, ctx) => nonzeroOf(ctx, args.self),
  nondifferentiable: 'integer output (indices)',
  samples: (S) => [
    S.call('argwhere', [S.of([0, 1, 0, 2, 3, 0], [2, 3])]),
    S.call('argwhere', [S.bools([3, 2])]),
    S.call('argwhere', [S.of([1], [])]),
    S.call('argwhere', [S.t([2, 2], { dtype: 'int32', layout: 'transposed', values: [0, 1, 1, 0] })]),
  ],
});
