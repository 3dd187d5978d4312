import { defineOp } from '../core/define-op.js';

/** `t.name`: tsjit has no named tensors. */
export const name = defineOp({
  schemas: ['prim::name(Tensor a) -> str?'],
  impl: () => null,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::name', [S.randn([2])])],
});
