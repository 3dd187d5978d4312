import { defineOp } from '../core/define-op.js';
import { objectId } from '../groups/py-values.js';

/** id(obj) of a class object: a stable number per object (0 for None). */
export const id = defineOp({
  schemas: ['prim::id(AnyClassType? x) -> int'],
  impl: ({ x }) => objectId(x),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('prim::id', [null])],
});
