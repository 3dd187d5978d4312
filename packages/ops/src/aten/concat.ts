import { defineOp } from '../core/define-op.js';
import { resultType } from '../core/dtypes.js';
import { catGrads, catSizes, concatenate } from '../groups/shape.js';
import { catSamples } from './cat.js';

/** torch.concat: an alias of cat. */
export const concat = defineOp({
  schemas: [
    'aten::concat(Tensor[] tensors, int dim=0) -> Tensor',
    'aten::concat.out(Tensor[] tensors, int dim=0, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => concatenate(ctx, args.tensors, args.dim),
  // Only the functional overload: out= keeps out's dtype.
  meta: { '': (args) => ({ sizes: catSizes(args.tensors, args.dim).sizes, dtype: resultType(args.tensors) }) },
  derivative: (F, { grad, tensors, dim }) => ({ tensors: catGrads(F, grad, tensors, dim, 0) }),
  samples: (S) => catSamples(S, 'concat'),
});
