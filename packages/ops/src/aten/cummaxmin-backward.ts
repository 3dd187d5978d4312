import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { clone, numel } from '../core/helpers.js';
import { oneDim } from '../groups/reduce.js';

/** The gradient of cummax / cummin: each output's gradient goes back to the input it took its value from. */
export const cummaxminBackward = defineOp({
  schemas: ['aten::cummaxmin_backward(Tensor grad, Tensor input, Tensor indices, int dim) -> Tensor'],
  impl: (args, ctx) => {
    const { grad, input, indices } = args;
    const d = oneDim(args.dim, input.sizes.length);
    if (numel(input.sizes) === 0) return clone(ctx, input);
    if (input.sizes.length === 0) return clone(ctx, grad, input.dtype);
    const out = ctx.empty(input.sizes, input.dtype);
    K.scatterAdd(out, d, indices, grad.dtype === input.dtype ? grad : clone(ctx, grad, input.dtype));
    return out;
  },
  meta: (args) => ({ sizes: args.input.sizes, dtype: args.input.dtype }),
  derivative: (F, { grad, input, indices, dim }) => ({
    grad: F.sizes(input).length === 0 ? grad : F.gather(grad, dim, indices),
  }),
  samples: (S) => [
    S.call('cummaxmin_backward', [
      S.randn([3, 4]),
      S.randn([3, 4]),
      S.of([0, 1, 1, 3, 0, 0, 0, 0, 0, 1, 2, 2], [3, 4], 'int64'),
      1,
    ]),
    S.call('cummaxmin_backward', [
      S.randn([3, 2], 'transposed'),
      S.randn([3, 2]),
      S.of([0, 0, 0, 1, 2, 1], [3, 2], 'int64'),
      0,
    ]),
    S.call('cummaxmin_backward', [S.randn([4]), S.randn([4], 'strided'), S.of([0, 0, 2, 2], [4], 'int64'), -1]),
    S.call('cummaxmin_backward', [
      S.t([3], { dtype: 'float64' }),
      S.t([3], { dtype: 'float64' }),
      S.of([0, 1, 1], [3], 'int64'),
      0,
    ]),
    S.call('cummaxmin_backward', [S.randn([]), S.randn([]), S.of([0], [], 'int64'), 0]),
    S.call('cummaxmin_backward', [S.randn([0, 2]), S.randn([0, 2]), S.ints([0, 2]), 1]),
  ],
});
