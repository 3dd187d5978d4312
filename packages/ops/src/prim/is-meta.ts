import { defineOp } from '../core/define-op.js';

/** `t.is_meta`: tsjit tensors live on the CPU, dense and strided. */
export const isMeta = defineOp({
  schemas: ['prim::is_meta(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::is_meta', [S.randn([2, 3])]), S.call('prim::is_meta', [S.t([0], { dtype: 'int64' })])],
});
