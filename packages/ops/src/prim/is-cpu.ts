import { defineOp } from '../core/define-op.js';

/** `t.is_cpu`: tsjit tensors live on the CPU, dense and strided. */
export const isCpu = defineOp({
  schemas: ['prim::is_cpu(Tensor a) -> bool'],
  impl: () => true,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::is_cpu', [S.randn([2, 3])]), S.call('prim::is_cpu', [S.t([0], { dtype: 'int64' })])],
});
