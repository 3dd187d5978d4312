import { defineOp } from '../core/define-op.js';
import { scalarImplicit } from '../groups/py-convert.js';

/** A 0-d tensor used where a Scalar is expected. */
export const ScalarImplicit = defineOp({
  schemas: ['aten::ScalarImplicit(Tensor a) -> Scalar'],
  impl: scalarImplicit,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('ScalarImplicit', [S.of([2], [], 'int64')]),
    S.call('ScalarImplicit', [S.of([2.5], [])]),
    S.call('ScalarImplicit', [S.of([true], [], 'bool')]),
    S.error(
      'ScalarImplicit',
      [S.of([2.5], [1])],
      'Cannot input a tensor of dimension other than 0 as a scalar argument',
    ),
  ],
});
