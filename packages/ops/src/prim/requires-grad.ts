import { defineOp } from '../core/define-op.js';

/** `t.requires_grad`, from the runtime's autograd (false without one). */
export const requiresGrad = defineOp({
  schemas: ['prim::requires_grad(Tensor a) -> bool'],
  impl: ({ a }, ctx) => ctx.requiresGrad?.(a) ?? false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::requires_grad', [S.randn([2])])],
});
