import { defineOp } from '../core/define-op.js';
import { squeezeSizes, squeezeSizesDim } from '../groups/py-sizes.js';

/** The sizes after squeeze() / squeeze(dim). */
export const inferSqueezeSize = defineOp({
  schemas: ['prim::infer_squeeze_size.dim(int[] a, int dim) -> int[]', 'prim::infer_squeeze_size(int[] a) -> int[]'],
  impl: { dim: squeezeSizesDim, '': squeezeSizes },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('prim::infer_squeeze_size.dim', [[2, 1, 3], 1]),
    S.call('prim::infer_squeeze_size.dim', [[2, 1, 3], 0]),
    S.call('prim::infer_squeeze_size', [[1, 2, 1]]),
  ],
});
