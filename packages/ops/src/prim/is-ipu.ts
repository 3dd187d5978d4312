import { defineOp } from '../core/define-op.js';

/** `t.is_ipu`: tsjit tensors live on the CPU, dense and strided. */
export const isIpu = defineOp({
  schemas: ['prim::is_ipu(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::is_ipu', [S.randn([2, 3])]), S.call('prim::is_ipu', [S.t([0], { dtype: 'int64' })])],
});
