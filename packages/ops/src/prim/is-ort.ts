import { defineOp } from '../core/define-op.js';

/** `t.is_ort`: tsjit tensors live on the CPU, dense and strided. */
export const isOrt = defineOp({
  schemas: ['prim::is_ort(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::is_ort', [S.randn([2, 3])]), S.call('prim::is_ort', [S.t([0], { dtype: 'int64' })])],
});
