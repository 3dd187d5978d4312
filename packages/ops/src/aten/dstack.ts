import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { atLeastView, catGrads, concatenate } from '../groups/shape.js';

/** torch.dstack: the tensors viewed at atleast_3d, concatenated along dim 2. */
export const dstack = defineOp({
  schemas: [
    'aten::dstack(Tensor[] tensors) -> Tensor',
    'aten::dstack.out(Tensor[] tensors, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const tensors: TensorLike[] = args.tensors;
    if (tensors.length === 0) throw new OpError('dstack expects a non-empty TensorList');
    return concatenate(
      ctx,
      tensors.map((t) => atLeastView(ctx, t, 3)),
      2,
    );
  },
  derivative: (F, { grad, tensors }) => ({ tensors: catGrads(F, grad, tensors, 2, 3) }),
  samples: (S) => [
    S.call('dstack', [[S.randn([2, 3]), S.randn([2, 3], 'transposed')]]),
    S.call('dstack', [[S.randn([3]), S.randn([3], 'strided')]]),
    S.call('dstack', [[S.randn([]), S.ints([])]]),
    S.call('dstack', [[S.randn([2, 1, 2]), S.t([2, 1, 2], { dtype: 'float64' })]]),
    S.call('dstack', [[S.randn([0]), S.randn([0])]]),
    S.call('dstack', [[S.randn([3]), S.randn([1, 3, 2], 'offset')]]),
    S.error('dstack', [[]], 'dstack expects a non-empty TensorList'),
    S.call('dstack.out', [[S.randn([2]), S.randn([2])]], { out: S.randn([0]) }),
  ],
});
