import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { atLeastView, catGrads, concatenate } from '../groups/shape.js';

/** torch.vstack: the tensors viewed at atleast_2d, concatenated along dim 0. */
export const vstack = defineOp({
  schemas: [
    'aten::vstack(Tensor[] tensors) -> Tensor',
    'aten::vstack.out(Tensor[] tensors, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const tensors: TensorLike[] = args.tensors;
    if (tensors.length === 0) throw new OpError('vstack expects a non-empty TensorList');
    return concatenate(
      ctx,
      tensors.map((t) => atLeastView(ctx, t, 2)),
      0,
    );
  },
  derivative: (F, { grad, tensors }) => ({ tensors: catGrads(F, grad, tensors, 0, 2) }),
  samples: (S) => [
    S.call('vstack', [[S.randn([2, 3]), S.randn([2, 3], 'transposed')]]),
    S.call('vstack', [[S.randn([3]), S.randn([3], 'strided')]]),
    S.call('vstack', [[S.randn([]), S.ints([])]]),
    S.call('vstack', [[S.randn([2, 1, 2]), S.t([2, 1, 2], { dtype: 'float64' })]]),
    S.call('vstack', [[S.randn([0]), S.randn([0])]]),
    S.call('vstack', [[S.randn([3]), S.randn([2, 3], 'offset')]]),
    S.error('vstack', [[]], 'vstack expects a non-empty TensorList'),
    S.call('vstack.out', [[S.randn([2]), S.randn([2])]], { out: S.randn([0]) }),
  ],
});
