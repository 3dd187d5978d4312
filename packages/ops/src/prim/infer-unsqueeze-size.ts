import { defineOp } from '../core/define-op.js';
import { unsqueezeSizes } from '../groups/py-sizes.js';

/** The sizes after unsqueeze(dim). */
export const inferUnsqueezeSize = defineOp({
  schemas: ['prim::infer_unsqueeze_size(int[] a, int dim) -> int[]'],
  impl: unsqueezeSizes,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('prim::infer_unsqueeze_size', [[2, 3], 1]),
    S.call('prim::infer_unsqueeze_size', [[2, 3], -1]),
    S.error('prim::infer_unsqueeze_size', [[2, 3], 4], 'Dimension out of range'),
  ],
});
