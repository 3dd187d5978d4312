import { defineOp } from '../core/define-op.js';

/** `t.is_sparse_csr`: tsjit tensors live on the CPU, dense and strided. */
export const isSparseCsr = defineOp({
  schemas: ['prim::is_sparse_csr(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [
    S.call('prim::is_sparse_csr', [S.randn([2, 3])]),
    S.call('prim::is_sparse_csr', [S.t([0], { dtype: 'int64' })]),
  ],
});
