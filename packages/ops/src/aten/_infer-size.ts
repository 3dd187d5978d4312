import { defineOp } from '../core/define-op.js';
import { broadcastShapes } from '../core/helpers.js';

/** The broadcast of two shapes. */
export const _inferSize = defineOp({
  schemas: ['aten::_infer_size(int[] a, int[] b) -> int[]'],
  impl: ({ a, b }) => broadcastShapes(a, b),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('_infer_size', [[2, 1], [3]]),
    S.call('_infer_size', [[], [2, 2]]),
    S.error(
      '_infer_size',
      [[2], [3]],
      'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0',
    ),
  ],
});
