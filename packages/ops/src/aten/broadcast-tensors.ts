import { defineOp } from '../core/define-op.js';
import { broadcastShapes } from '../core/helpers.js';
import type { TensorLike } from '../core/tensor-like.js';
import { expandTensor } from '../groups/views.js';

export const broadcastTensors = defineOp({
  schemas: ['aten::broadcast_tensors(Tensor[] tensors) -> Tensor[]'],
  impl: ({ tensors }, ctx) => {
    const list = tensors as TensorLike[];
    const sizes = broadcastShapes(...list.map((t) => t.sizes));
    return list.map((t) => expandTensor(ctx, t, sizes));
  },
  meta: ({ tensors }) => {
    const list = tensors as TensorLike[];
    const sizes = broadcastShapes(...list.map((t) => t.sizes));
    return list.map((t) => ({ sizes, dtype: t.dtype }));
  },
  derivative: (F, { grads, tensors }) => ({
    tensors: (tensors as TensorLike[]).map((t, i) => (grads[i] == null ? null : F.sumTo(grads[i], F.sizes(t)))),
  }),
  samples: (S) => [
    S.call('broadcast_tensors', [[S.randn([3]), S.randn([2, 1])]]),
    S.call('broadcast_tensors', [
      [S.randn([2, 3], 'transposed'), S.t([], { dtype: 'int64' }), S.randn([1, 3], 'offset')],
    ]),
    S.call('broadcast_tensors', [[S.randn([0, 1]), S.randn([3])]]),
    S.call('broadcast_tensors', [[S.randn([2])]]),
    S.call('broadcast_tensors', [[]]),
    S.error(
      'broadcast_tensors',
      [[S.randn([3]), S.randn([4])]],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0',
    ),
  ],
});
