import { defineOp } from '../core/define-op.js';

/** `t.is_nested`: tsjit tensors live on the CPU, dense and strided. */
export const isNested = defineOp({
  schemas: ['prim::is_nested(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [
    S.call('prim::is_nested', [S.randn([2, 3])]),
    S.call('prim::is_nested', [S.t([0], { dtype: 'int64' })]),
  ],
});
