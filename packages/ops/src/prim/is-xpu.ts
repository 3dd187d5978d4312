import { defineOp } from '../core/define-op.js';

/** `t.is_xpu`: tsjit tensors live on the CPU, dense and strided. */
export const isXpu = defineOp({
  schemas: ['prim::is_xpu(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::is_xpu', [S.randn([2, 3])]), S.call('prim::is_xpu', [S.t([0], { dtype: 'int64' })])],
});
