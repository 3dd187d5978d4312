import { defineOp } from '../core/define-op.js';

/** `t.is_sparse`: tsjit tensors live on the CPU, dense and strided. */
export const isSparse = defineOp({
  schemas: ['prim::is_sparse(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [
    S.call('prim::is_sparse', [S.randn([2, 3])]),
    S.call('prim::is_sparse', [S.t([0], { dtype: 'int64' })]),
  ],
});
