import { defineOp } from '../core/define-op.js';

/** tsjit has no Vulkan backend. */
export const isVulkanAvailable = defineOp({
  schemas: ['aten::is_vulkan_available() -> bool'],
  impl: () => false,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('is_vulkan_available', [])],
});
