import { defineOp } from '../core/define-op.js';

/** `t.is_mkldnn`: tsjit tensors live on the CPU, dense and strided. */
export const isMkldnn = defineOp({
  schemas: ['prim::is_mkldnn(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [
    S.call('prim::is_mkldnn', [S.randn([2, 3])]),
    S.call('prim::is_mkldnn', [S.t([0], { dtype: 'int64' })]),
  ],
});
