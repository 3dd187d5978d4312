import { defineOp } from '../core/define-op.js';
import { floatImplicit } from '../groups/py-convert.js';

/** A 0-d tensor used where a float is expected. */
export const FloatImplicit = defineOp({
  schemas: ['aten::FloatImplicit(Tensor a) -> float'],
  impl: floatImplicit,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('FloatImplicit', [S.of([2], [], 'int64')]),
    S.call('FloatImplicit', [S.of([1.5], [])]),
    S.error('FloatImplicit', [S.of([1.5, 2])], 'Cannot input a tensor of dimension other than 0 as a scalar argument'),
  ],
});
