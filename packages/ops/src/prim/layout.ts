import { defineOp } from '../core/define-op.js';

/** `t.layout`: 0 is torch.strided. */
export const layout = defineOp({
  schemas: ['prim::layout(Tensor a) -> Layout'],
  impl: () => 0,
  nondifferentiable: 'a property of the tensor',
  samples: (S) => [S.call('prim::layout', [S.randn([2])])],
});
