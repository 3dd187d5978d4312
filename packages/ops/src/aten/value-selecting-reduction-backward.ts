import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { clone } from '../core/helpers.js';
import { oneDim } from '../groups/reduce.js';
import { unsqueezeView } from '../groups/sorting.js';

/**
 * The gradient of a reduction that selects values along `dim` (max.dim, kthvalue, median.dim, sort,
 * topk): a zero tensor of the input's sizes with each gradient written where its index points.
 */
export const valueSelectingReductionBackward = defineOp({
  schemas: [
    'aten::value_selecting_reduction_backward(Tensor grad, int dim, Tensor indices, int[] sizes, bool keepdim) -> Tensor',
  ],
  impl: (args, ctx) => {
    const { grad, indices } = args;
    const sizes: number[] = Array.isArray(args.sizes) ? args.sizes : [args.sizes];
    const d = oneDim(args.dim, sizes.length);
    if (sizes.length === 0) return clone(ctx, grad);
    const out = ctx.empty(sizes, grad.dtype);
    const keep = args.keepdim === true || grad.sizes.length === sizes.length;
    const g = keep ? grad : unsqueezeView(ctx, grad, d);
    const i = keep ? indices : unsqueezeView(ctx, indices, d);
    K.scatter(out, d, i, g);
    return out;
  },
  meta: (args) => ({ sizes: Array.isArray(args.sizes) ? args.sizes : [args.sizes], dtype: args.grad.dtype }),
  derivative: (F, { grad, dim, indices, sizes, keepdim }) => {
    if (sizes.length === 0) return { grad };
    const i = keepdim ? indices : F.unsqueeze(indices, dim);
    const picked = F.gather(grad, dim, i);
    return { grad: keepdim ? picked : F.squeeze(picked, dim) };
  },
  samples: (S) => [
    S.call('value_selecting_reduction_backward', [S.randn([3]), 1, S.of([0, 3, 1], [3], 'int64'), [3, 4], false]),
    S.call('value_selecting_reduction_backward', [
      S.randn([1, 4]),
      0,
      S.of([2, 0, 1, 2], [1, 4], 'int64'),
      [3, 4],
      true,
    ]),
    S.call('value_selecting_reduction_backward', [
      S.randn([3, 2], 'transposed'),
      -1,
      S.of([3, 0, 1, 2, 0, 1], [3, 2], 'int64'),
      [3, 4],
      true,
    ]),
    S.call('value_selecting_reduction_backward', [
      S.t([2], { dtype: 'float64' }),
      0,
      S.of([1, 0], [2], 'int64'),
      [2, 2],
      false,
    ]),
    S.call('value_selecting_reduction_backward', [S.randn([]), 0, S.of([0], [], 'int64'), [], false]),
    S.call('value_selecting_reduction_backward', [S.randn([0]), 1, S.ints([0]), [0, 3], false]),
  ],
});
