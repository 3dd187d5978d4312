import { defineOp } from '../core/define-op.js';
import { dtypeToCode } from '../core/dtypes.js';

/** `t.dtype`: the ScalarType code, as TorchScript holds dtypes (an int). */
export const dtype = defineOp({
  schemas: ['prim::dtype(Tensor a) -> int'],
  impl: ({ a }) => dtypeToCode(a.dtype),
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [
    S.call('prim::dtype', [S.randn([2])]),
    S.call('prim::dtype', [S.t([2], { dtype: 'int64' })]),
    S.call('prim::dtype', [S.t([2], { dtype: 'bool' })]),
    S.call('prim::dtype', [S.t([2], { dtype: 'float64' })]),
  ],
});
