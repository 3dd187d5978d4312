import { defineOp } from '../core/define-op.js';

/** `t.grad`, from the runtime's autograd (None without one). */
export const grad = defineOp({
  schemas: ['prim::grad(Tensor a) -> Tensor(*)'],
  impl: ({ a }, ctx) => ctx.grad?.(a) ?? null,
  nondifferentiable: 'reads the gradient accumulated by autograd',
  samples: (S) => [S.call('prim::grad', [S.randn([2])])],
});
