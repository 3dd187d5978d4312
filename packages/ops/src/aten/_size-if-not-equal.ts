import { defineOp } from '../core/define-op.js';
import { sameSizes } from '../core/helpers.js';

/** self_size unless it equals other_size (autodiff's sum-to-size guard). */
export const _sizeIfNotEqual = defineOp({
  schemas: ['aten::_size_if_not_equal(int[] self_size, int[] other_size) -> int[]?'],
  impl: ({ self_size, other_size }) => (sameSizes(self_size, other_size) ? null : [...self_size]),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('_size_if_not_equal', [
      [2, 3],
      [2, 3],
    ]),
    S.call('_size_if_not_equal', [[2, 3], [3]]),
  ],
});
