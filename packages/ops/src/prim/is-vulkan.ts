import { defineOp } from '../core/define-op.js';

/** `t.is_vulkan`: tsjit tensors live on the CPU, dense and strided. */
export const isVulkan = defineOp({
  schemas: ['prim::is_vulkan(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [
    S.call('prim::is_vulkan', [S.randn([2, 3])]),
    S.call('prim::is_vulkan', [S.t([0], { dtype: 'int64' })]),
  ],
});
