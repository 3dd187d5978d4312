import { defineOp } from '../core/define-op.js';

/** `t.is_cuda`: tsjit tensors live on the CPU, dense and strided. */
export const isCuda = defineOp({
  schemas: ['prim::is_cuda(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::is_cuda', [S.randn([2, 3])]), S.call('prim::is_cuda', [S.t([0], { dtype: 'int64' })])],
});
