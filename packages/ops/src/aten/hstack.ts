import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { atLeastView, catGrads, concatenate } from '../groups/shape.js';

/** torch.hstack: the tensors viewed at atleast_1d, concatenated along dim 0 for 1-d inputs, else dim 1. */
export const hstack = defineOp({
  schemas: [
    'aten::hstack(Tensor[] tensors) -> Tensor',
    'aten::hstack.out(Tensor[] tensors, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const tensors: TensorLike[] = args.tensors;
    if (tensors.length === 0) throw new OpError('hstack expects a non-empty TensorList');
    return concatenate(
      ctx,
      tensors.map((t) => atLeastView(ctx, t, 1)),
      tensors.every((t) => t.sizes.length <= 1) ? 0 : 1,
    );
  },
  derivative: (F, { grad, tensors }) => ({
    tensors: catGrads(F, grad, tensors, F.sizes(grad).length === 1 ? 0 : 1, 1),
  }),
  samples: (S) => [
    S.call('hstack', [[S.randn([2, 3]), S.randn([2, 3], 'transposed')]]),
    S.call('hstack', [[S.randn([3]), S.randn([3], 'strided')]]),
    S.call('hstack', [[S.randn([]), S.ints([])]]),
    S.call('hstack', [[S.randn([2, 1, 2]), S.t([2, 1, 2], { dtype: 'float64' })]]),
    S.call('hstack', [[S.randn([0]), S.randn([0])]]),
    S.call('hstack', [[S.randn([2, 1]), S.randn([2, 3], 'offset')]]),
    S.error('hstack', [[]], 'hstack expects a non-empty TensorList'),
    S.call('hstack.out', [[S.randn([2]), S.randn([2])]], { out: S.randn([0]) }),
  ],
});
