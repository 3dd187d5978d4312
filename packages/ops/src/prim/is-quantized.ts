import { defineOp } from '../core/define-op.js';

/** `t.is_quantized`: tsjit tensors live on the CPU, dense and strided. */
export const isQuantized = defineOp({
  schemas: ['prim::is_quantized(Tensor a) -> bool'],
  impl: () => false,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [
    S.call('prim::is_quantized', [S.randn([2, 3])]),
    S.call('prim::is_quantized', [S.t([0], { dtype: 'int64' })]),
  ],
});
