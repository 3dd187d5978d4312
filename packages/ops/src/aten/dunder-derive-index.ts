import { defineOp } from '../core/define-op.js';
import { deriveIndex } from '../groups/py-math.js';

/** The loop variable of a desugared `range` loop: start + index * step. */
export const __deriveIndex = defineOp({
  schemas: ['aten::__derive_index(int index, int start, int step) -> int'],
  impl: deriveIndex,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('__derive_index', [2, 10, 3]), S.call('__derive_index', [2, 10, -3])],
});
