import { defineOp } from '../core/define-op.js';

/** `t.is_mps`: tsjit tensors live on the CPU, dense and strided. */
export const isMps = defineOp({
  schemas: ['prim::is_mps(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::is_mps', [S.randn([2, 3])]), S.call('prim::is_mps', [S.t([0], { dtype: 'int64' })])],
});
