import { defineOp } from '../core/define-op.js';
import { intImplicit } from '../groups/py-convert.js';

/** A 0-d tensor used where an int is expected. */
export const IntImplicit = defineOp({
  schemas: ['aten::IntImplicit(Tensor a) -> int'],
  impl: intImplicit,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('IntImplicit', [S.of([3], [], 'int64')]),
    S.call('IntImplicit', [S.of([3], [], 'int32')]),
    S.error(
      'IntImplicit',
      [S.of([3], [1], 'int64')],
      'Cannot input a tensor of dimension other than 0 as a scalar argument',
    ),
    S.error('IntImplicit', [S.of([1.5], [])], 'Cannot input a tensor of type Float as an integral argument'),
  ],
});
