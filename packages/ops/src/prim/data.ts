import { defineOp } from '../core/define-op.js';

/** `t.data`: a view of the same storage outside autograd. */
export const data = defineOp({
  schemas: ['prim::data(Tensor(a) a) -> Tensor(a)'],
  impl: ({ a }, ctx) => ctx.view(a, a.sizes, a.strides, a.offset),
  nondifferentiable: 'detaches: the result shares storage but not the autograd history',
  samples: (S) => [S.call('prim::data', [S.randn([2, 3])]), S.call('prim::data', [S.randn([2, 3], 'transposed')])],
});
